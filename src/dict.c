/* dict.c — insertion-ordered hash table, as CPython's compact dict (prefix dict_).
 *
 * entries[] keeps insertion order (deleted entries have key V_UNDEF until the next
 * resize compacts them); index[] is an open-addressing table of entry numbers
 * (-1 empty, -2 deleted), probed with CPython's perturbation scheme.
 * keys(), values() and items() return live views (dict_keys([...]) when printed); they
 * iterate, test `in` and take len() like Python's, and are not subscriptable. */
#include <string.h>
#include "interp.h"
#include "eval.h"
#include "mem.h"

#define EMPTY (-1)
#define DUMMY (-2)

Dict *dict_new(Interp *I) {
    Dict *d = obj_new(I, &dict_class, sizeof(Dict));
    if (!d) return NULL;
    d->len = d->nentries = d->cap_entries = 0;
    d->entries = NULL;
    d->index = NULL;
    d->index_cap = 0;
    d->flavor = DICT_PLAIN;
    d->factory = VAL_NONE;
    obj_track(I, &d->link);
    return d;
}

static void dict_free(Obj *o) {
    Dict *d = (Dict *)o;
    obj_untrack(&d->link);
    for (int64_t i = 0; i < d->nentries; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        val_decref(d->entries[i].key);
        val_decref(d->entries[i].val);
    }
    mem_free(d->entries, (size_t)d->cap_entries * sizeof(DictEntry));
    mem_free(d->index, (size_t)d->index_cap * sizeof(int64_t));
    val_decref(d->factory);
    obj_dealloc(o, sizeof(Dict));
}

/* Find key: returns the entry number or -1; *slot gets the index slot where it is or
 * where it would go. -2: error pending (a key comparison failed). */
static int64_t lookup(Interp *I, Dict *d, Value key, uint64_t h, int64_t *slot) {
    if (!d->index_cap) { *slot = -1; return -1; }
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = h, i = h & mask;
    int64_t free_slot = -1;
    bool is_str = IS_A(key, str_class);
    for (;;) {
        int64_t ix = d->index[i];
        if (ix == EMPTY) { *slot = free_slot >= 0 ? free_slot : (int64_t)i; return -1; }
        if (ix == DUMMY) {
            if (free_slot < 0) free_slot = (int64_t)i;
        } else {
            DictEntry *e = &d->entries[ix];
            if (e->hash == h) {
                if (e->key.kind == key.kind && (key.kind != V_OBJ || AS_OBJ(e->key) == AS_OBJ(key))) {
                    if (key.kind == V_OBJ || key.kind == V_NONE || memcmp(&e->key.as, &key.as, sizeof key.as) == 0) {
                        *slot = (int64_t)i;
                        return ix;
                    }
                }
                bool eq;
                if (is_str) eq = IS_A(e->key, str_class) && str_eq((Str *)AS_OBJ(e->key), (Str *)AS_OBJ(key));
                else if (!val_eq(I, e->key, key, &eq)) return -2;
                if (eq) { *slot = (int64_t)i; return ix; }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Rebuild the index with room for `need` entries, compacting deleted entries. */
static bool resize(Interp *I, Dict *d, int64_t need) {
    int64_t icap = 8;
    while (icap * 2 < need * 3) icap *= 2;
    int64_t ecap = icap * 2 / 3 + 1;
    int64_t *ni = mem_alloc((size_t)icap * sizeof(int64_t));
    if (!ni) { err_nomem(I); return false; }
    DictEntry *ne = mem_alloc((size_t)ecap * sizeof(DictEntry));
    if (!ne) { mem_free(ni, (size_t)icap * sizeof(int64_t)); err_nomem(I); return false; }
    int64_t n = 0;
    for (int64_t i = 0; i < d->nentries; i++)
        if (!IS_UNDEF(d->entries[i].key)) ne[n++] = d->entries[i];
    memset(ni, 0xff, (size_t)icap * sizeof(int64_t)); /* all EMPTY (-1) */
    uint64_t mask = (uint64_t)icap - 1;
    for (int64_t k = 0; k < n; k++) {
        uint64_t h = ne[k].hash, perturb = h, i = h & mask;
        while (ni[i] != EMPTY) { perturb >>= 5; i = (i * 5 + perturb + 1) & mask; }
        ni[i] = k;
    }
    mem_free(d->entries, (size_t)d->cap_entries * sizeof(DictEntry));
    mem_free(d->index, (size_t)d->index_cap * sizeof(int64_t));
    d->entries = ne;
    d->cap_entries = ecap;
    d->nentries = n;
    d->index = ni;
    d->index_cap = icap;
    return true;
}

bool dict_set(Interp *I, Dict *d, Value key, Value val) {
    uint64_t h;
    if (!val_hash(I, key, &h)) return false;
    int64_t slot;
    int64_t ix = lookup(I, d, key, h, &slot);
    if (ix == -2) return false;
    if (ix >= 0) {
        Value old = d->entries[ix].val;
        d->entries[ix].val = val_incref(val);
        val_decref(old);
        return true;
    }
    if (d->nentries >= d->cap_entries) {
        if (!resize(I, d, d->len + 1)) return false;
        ix = lookup(I, d, key, h, &slot);
        if (ix == -2) return false;
    }
    DictEntry *e = &d->entries[d->nentries];
    e->key = val_incref(key);
    e->val = val_incref(val);
    e->hash = h;
    d->index[slot] = d->nentries++;
    d->len++;
    return true;
}

Value dict_get(Interp *I, Dict *d, Value key) {
    uint64_t h;
    if (!val_hash(I, key, &h)) return VAL_ERR;
    int64_t slot;
    int64_t ix = lookup(I, d, key, h, &slot);
    if (ix == -2) return VAL_ERR;
    return ix >= 0 ? d->entries[ix].val : VAL_UNDEF;
}

Str *dict_find_str_key(Dict *d, const char *s, size_t len, uint64_t h) {
    if (!d->index_cap) return NULL;
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = h, i = h & mask;
    for (;;) {
        int64_t ix = d->index[i];
        if (ix == EMPTY) return NULL;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->hash == h && IS_A(e->key, str_class)) {
                Str *k = (Str *)AS_OBJ(e->key);
                if ((size_t)k->len == len && memcmp(k->data, s, len) == 0) return k;
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

Value dict_get_str(Dict *d, Str *key) {
    if (!d->index_cap) return VAL_UNDEF;
    uint64_t h = str_hash(key);
    uint64_t mask = (uint64_t)d->index_cap - 1, perturb = h, i = h & mask;
    for (;;) {
        int64_t ix = d->index[i];
        if (ix == EMPTY) return VAL_UNDEF;
        if (ix >= 0) {
            DictEntry *e = &d->entries[ix];
            if (e->hash == h && IS_A(e->key, str_class) && str_eq((Str *)AS_OBJ(e->key), key)) return e->val;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Remove key; on success the entry's key and value are moved to *k / *v (caller owns). */
static bool dict_take(Interp *I, Dict *d, Value key, bool *found, Value *k, Value *v) {
    uint64_t h;
    *found = false;
    if (!val_hash(I, key, &h)) return false;
    int64_t slot;
    int64_t ix = lookup(I, d, key, h, &slot);
    if (ix == -2) return false;
    if (ix < 0) return true;
    *found = true;
    *k = d->entries[ix].key;
    *v = d->entries[ix].val;
    d->entries[ix].key = VAL_UNDEF;
    d->entries[ix].val = VAL_UNDEF;
    d->index[slot] = DUMMY;
    d->len--;
    /* trailing deleted entries can be reused at once */
    while (d->nentries > 0 && IS_UNDEF(d->entries[d->nentries - 1].key) && d->len < d->nentries) {
        /* only safe if no index slot points at it: it is DUMMY'd already */
        d->nentries--;
    }
    if (d->len == 0) {
        /* everything gone: reset the index so stale DUMMYs do not accumulate */
        memset(d->index, 0xff, (size_t)d->index_cap * sizeof(int64_t));
        d->nentries = 0;
    }
    return true;
}

bool dict_del(Interp *I, Dict *d, Value key, bool *found) {
    Value k = VAL_UNDEF, v = VAL_UNDEF; /* set by dict_take when *found */
    if (!dict_take(I, d, key, found, &k, &v)) return false;
    if (*found) { val_decref(k); val_decref(v); }
    return true;
}

static void dict_clear_all(Dict *d) {
    int64_t n = d->nentries;
    DictEntry *e = d->entries;
    int64_t ecap = d->cap_entries, icap = d->index_cap;
    int64_t *ix = d->index;
    d->entries = NULL;
    d->index = NULL;
    d->len = d->nentries = d->cap_entries = d->index_cap = 0;
    for (int64_t i = 0; i < n; i++) {
        if (IS_UNDEF(e[i].key)) continue;
        val_decref(e[i].key);
        val_decref(e[i].val);
    }
    mem_free(e, (size_t)ecap * sizeof(DictEntry));
    mem_free(ix, (size_t)icap * sizeof(int64_t));
}

/* ---- slots ------------------------------------------------------------------------- */

/* KeyError with a message for its one argument ('popitem(): dictionary is empty'). */
static Value raise_key_text(Interp *I, const char *text) {
    Value k = val_str(I, text, strlen(text));
    if (IS_ERR(k)) return k;
    exc_raise_key(I, k);
    val_decref(k);
    return VAL_ERR;
}

static bool key_error(Interp *I, Value key) {
    exc_raise_key(I, key); /* carries the key itself: e.args == (key,) */
    return false;
}

static bool counter_repr(Interp *I, StrBuf *sb, Dict *d);
static Value snapshot(Interp *I, Dict *d, int what);
static bool dict_repr(Interp *I, StrBuf *sb, Value self) {
    Dict *d = (Dict *)AS_OBJ(self);
    if (d->flavor == DICT_COUNTER) return counter_repr(I, sb, d);
    if (d->flavor == DICT_DEFAULT) {
        sb_puts(sb, "defaultdict(");
        Value f = val_incref(d->factory);
        bool ok = val_repr(I, sb, f);
        val_decref(f);
        if (!ok) return false;
        sb_puts(sb, ", ");
    }
    if (d->flavor == DICT_ORDERED) { /* OrderedDict([(k, v), ...]), as Python 3.10 prints it */
        Value l = snapshot(I, d, 2);
        if (IS_ERR(l)) return false;
        sb_puts(sb, "OrderedDict(");
        bool ok = ((List *)AS_OBJ(l))->len == 0 || val_repr(I, sb, l);
        val_decref(l);
        sb_putc(sb, ')');
        return ok;
    }
    sb_putc(sb, '{');
    bool first = true;
    for (int64_t i = 0; i < d->nentries; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        if (!first) sb_puts(sb, ", ");
        first = false;
        Value k = val_incref(d->entries[i].key), v = val_incref(d->entries[i].val);
        bool ok = val_repr(I, sb, k);
        if (ok) { sb_puts(sb, ": "); ok = val_repr(I, sb, v); }
        val_decref(k);
        val_decref(v);
        if (!ok) return false;
        if (i >= d->nentries) break; /* mutated by a repr */
    }
    sb_putc(sb, '}');
    if (d->flavor == DICT_DEFAULT) sb_putc(sb, ')');
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static Value dict_getitem(Interp *I, Value self, Value key) {
    Dict *d = (Dict *)AS_OBJ(self);
    Value v = dict_get(I, d, key);
    if (IS_ERR(v)) return v;
    if (IS_UNDEF(v)) {
        /* Counter: a missing count is 0 (not stored); defaultdict: store default_factory() */
        if (d->flavor == DICT_COUNTER) return val_int(0);
        if (d->flavor == DICT_DEFAULT && !IS_NONE(d->factory)) {
            Value f = val_incref(d->factory);
            v = val_call(I, f, 0, NULL, NULL);
            val_decref(f);
            if (IS_ERR(v)) return v;
            if (!dict_set(I, d, key, v)) { val_decref(v); return VAL_ERR; }
            return v;
        }
        key_error(I, key);
        return VAL_ERR;
    }
    return val_incref(v);
}

static bool dict_setitem(Interp *I, Value self, Value key, Value v) { return dict_set(I, (Dict *)AS_OBJ(self), key, v); }

static bool dict_delitem(Interp *I, Value self, Value key) {
    bool found;
    if (!dict_del(I, (Dict *)AS_OBJ(self), key, &found)) return false;
    if (!found) return key_error(I, key);
    return true;
}

static int64_t dict_len(Interp *I, Value self) { return ((Dict *)AS_OBJ(self))->len; }

static bool dict_contains(Interp *I, Value self, Value item, bool *out) {
    Value v = dict_get(I, (Dict *)AS_OBJ(self), item);
    if (IS_ERR(v)) return false;
    *out = !IS_UNDEF(v);
    return true;
}

static bool dict_eq(Interp *I, Value a, Value b, bool *out) {
    Dict *x = (Dict *)AS_OBJ(a), *y = (Dict *)AS_OBJ(b);
    *out = false;
    if (x->len != y->len) return true;
    for (int64_t i = 0; i < x->nentries; i++) {
        if (IS_UNDEF(x->entries[i].key)) continue;
        Value k = val_incref(x->entries[i].key), v = val_incref(x->entries[i].val);
        Value w = dict_get(I, y, k);
        bool ok = true, eq = false;
        if (IS_ERR(w)) ok = false;
        else if (!IS_UNDEF(w)) {
            w = val_incref(w);
            ok = val_eq(I, v, w, &eq);
            val_decref(w);
        }
        val_decref(k);
        val_decref(v);
        if (!ok) return false;
        if (!eq) return true;
    }
    *out = true;
    return true;
}

/* Key (value, item) iterator; RuntimeError if the dict changes size meanwhile. */
typedef struct DictIter { Obj h; Dict *d; int64_t pos, len; int what; } DictIter; /* what: 0 keys, 1 values, 2 items */
static void dicti_free(Obj *o) { obj_decref(&((DictIter *)o)->d->h); obj_dealloc(o, sizeof(DictIter)); }
static Value dicti_next(Interp *I, Value self) {
    DictIter *it = (DictIter *)AS_OBJ(self);
    Dict *d = it->d;
    if (d->len != it->len) {
        it->len = -1;
        return err_raise(I, EXC_RuntimeError, "dictionary changed size during iteration");
    }
    while (it->pos < d->nentries && IS_UNDEF(d->entries[it->pos].key)) it->pos++;
    if (it->pos >= d->nentries) return VAL_UNDEF;
    DictEntry *e = &d->entries[it->pos++];
    if (it->what == 2) return val_tuple2(I, e->key, e->val);
    return val_incref(it->what == 1 ? e->val : e->key);
}
static Value dicti_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass dict_iter_class = {
    .name = "dict_keyiterator", .free = dicti_free, .next = dicti_next, .iter = dicti_iter,
};
static Value dict_iter_what(Interp *I, Dict *d, int what) {
    DictIter *it = obj_new(I, &dict_iter_class, sizeof(DictIter));
    if (!it) return VAL_ERR;
    it->d = d;
    obj_incref(&it->d->h);
    it->pos = 0;
    it->len = it->d->len;
    it->what = what;
    return val_obj(it);
}
static Value dict_iter(Interp *I, Value self) { return dict_iter_what(I, (Dict *)AS_OBJ(self), 0); }

/* ---- methods ------------------------------------------------------------------------ */

#define SELF ((Dict *)AS_OBJ(argv[0]))
#define ARGS(fname, np, nreq, ...)                                                              \
    static const char *const names_[] = {__VA_ARGS__};                                          \
    Value a[np];                                                                                \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, np, names_, nreq, a)) return VAL_ERR
#define NOARGS(fname) \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR

static Value m_get(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("get", 2, 1, "key", "default");
    Value v = dict_get(I, SELF, a[0]);
    if (IS_ERR(v)) return v;
    if (IS_UNDEF(v)) return IS_UNDEF(a[1]) ? VAL_NONE : val_incref(a[1]);
    return val_incref(v);
}

/* what: 0 keys, 1 values, 2 items */
static Value snapshot(Interp *I, Dict *d, int what) {
    List *l = list_new(I, d->len);
    if (!l) return VAL_ERR;
    for (int64_t i = 0; i < d->nentries; i++) {
        DictEntry *e = &d->entries[i];
        if (IS_UNDEF(e->key)) continue;
        bool ok;
        if (what == 2) {
            Value t = val_tuple2(I, e->key, e->val);
            if (IS_ERR(t)) { obj_decref(&l->h); return VAL_ERR; }
            ok = list_append(I, l, t);
            val_decref(t);
        } else
            ok = list_append(I, l, what == 0 ? e->key : e->val);
        if (!ok) { obj_decref(&l->h); return VAL_ERR; }
    }
    return val_obj(l);
}
/* ---- views: d.keys(), d.values(), d.items() ---- */
typedef struct DictView { Obj h; Dict *d; int what; } DictView;
static const ObjClass view_classes[3];
static void view_free(Obj *o) { obj_decref(&((DictView *)o)->d->h); obj_dealloc(o, sizeof(DictView)); }
static bool view_repr(Interp *I, StrBuf *sb, Value self) {
    DictView *v = (DictView *)AS_OBJ(self);
    Value l = snapshot(I, v->d, v->what);
    if (IS_ERR(l)) return false;
    sb_printf(sb, "%s(", v->h.cls->name);
    bool ok = val_repr(I, sb, l);
    sb_putc(sb, ')');
    val_decref(l);
    return ok;
}
static Value view_iter(Interp *I, Value self) {
    DictView *v = (DictView *)AS_OBJ(self);
    return dict_iter_what(I, v->d, v->what);
}
static int64_t view_len(Interp *I, Value self) { return ((DictView *)AS_OBJ(self))->d->len; }
static bool view_contains(Interp *I, Value self, Value item, bool *out) {
    DictView *v = (DictView *)AS_OBJ(self);
    if (v->what == 0) {
        Value r = dict_get(I, v->d, item);
        if (IS_ERR(r)) return false;
        *out = !IS_UNDEF(r);
        return true;
    }
    Value l = snapshot(I, v->d, v->what);
    if (IS_ERR(l)) return false;
    bool ok = val_contains(I, l, item, out);
    val_decref(l);
    return ok;
}
static const ObjClass view_classes[3] = {
    {.name = "dict_keys", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
    {.name = "dict_values", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
    {.name = "dict_items", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
};
static const ObjClass odict_view_classes[3] = { /* an OrderedDict's views print odict_keys([...]) */
    {.name = "odict_keys", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
    {.name = "odict_values", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
    {.name = "odict_items", .free = view_free, .repr = view_repr, .iter = view_iter, .len = view_len, .contains = view_contains},
};
static Value view_new(Interp *I, Dict *d, int what) {
    DictView *v = obj_new(I, d->flavor == DICT_ORDERED ? &odict_view_classes[what] : &view_classes[what], sizeof(DictView));
    if (!v) return VAL_ERR;
    v->d = d;
    obj_incref(&d->h);
    v->what = what;
    return val_obj(v);
}
static Value m_keys(Interp *I, int argc, const Value *argv, const KwArgs *kw) { NOARGS("dict.keys"); return view_new(I, SELF, 0); }
static Value m_values(Interp *I, int argc, const Value *argv, const KwArgs *kw) { NOARGS("dict.values"); return view_new(I, SELF, 1); }
static Value m_items(Interp *I, int argc, const Value *argv, const KwArgs *kw) { NOARGS("dict.items"); return view_new(I, SELF, 2); }

static Value m_pop(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("pop", 2, 1, "key", "default");
    bool found;
    Value k, v;
    if (!dict_take(I, SELF, a[0], &found, &k, &v)) return VAL_ERR;
    if (!found) {
        if (!IS_UNDEF(a[1])) return val_incref(a[1]);
        key_error(I, a[0]);
        return VAL_ERR;
    }
    val_decref(k);
    return v;
}

static Value m_popitem(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("dict.popitem");
    Dict *d = SELF;
    if (d->len == 0) return raise_key_text(I, "popitem(): dictionary is empty");
    int64_t i = d->nentries - 1;
    while (IS_UNDEF(d->entries[i].key)) i--;
    Value k = val_incref(d->entries[i].key);
    Value t = val_tuple2(I, k, d->entries[i].val);
    if (IS_ERR(t)) { val_decref(k); return t; }
    bool found;
    bool ok = dict_del(I, d, k, &found);
    val_decref(k);
    if (!ok) { val_decref(t); return VAL_ERR; }
    return t;
}

static bool update_from(Interp *I, Dict *d, Value other) {
    if (IS_A(other, dict_class)) {
        Dict *o = (Dict *)AS_OBJ(other);
        for (int64_t i = 0; i < o->nentries; i++) {
            if (IS_UNDEF(o->entries[i].key)) continue;
            if (!dict_set(I, d, o->entries[i].key, o->entries[i].val)) return false;
        }
        return true;
    }
    Value it = val_iter(I, other);
    if (IS_ERR(it)) return false;
    for (int64_t n = 0;; n++) {
        Value x = val_next(I, it);
        if (IS_UNDEF(x)) break;
        if (IS_ERR(x)) { val_decref(it); return false; }
        const Value *kv = NULL;
        int64_t len = -1;
        if (IS_A(x, tuple_class)) { len = ((Tuple *)AS_OBJ(x))->len; kv = ((Tuple *)AS_OBJ(x))->items; }
        else if (IS_A(x, list_class)) { len = ((List *)AS_OBJ(x))->len; kv = ((List *)AS_OBJ(x))->items; }
        bool ok;
        if (len == 2) ok = dict_set(I, d, kv[0], kv[1]);
        else if (len >= 0) {
            err_raise(I, EXC_ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
                      (long long)n, (long long)len);
            ok = false;
        } else {
            err_raise(I, EXC_TypeError, "cannot convert dictionary update sequence element #%lld to a sequence", (long long)n);
            ok = false;
        }
        val_decref(x);
        if (!ok) { val_decref(it); return false; }
    }
    val_decref(it);
    return true;
}

static bool counter_update(Interp *I, Dict *d, Value other, const KwArgs *kw);
static Value m_update(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 2) return err_raise(I, EXC_TypeError, "update expected at most 1 argument, got %d", argc - 1);
    Dict *d = SELF;
    if (d->flavor == DICT_COUNTER) return counter_update(I, d, argc == 2 ? argv[1] : VAL_UNDEF, kw) ? VAL_NONE : VAL_ERR;
    if (argc == 2 && !update_from(I, d, argv[1])) return VAL_ERR;
    for (int i = 0; kw && i < kw->n; i++)
        if (!dict_set(I, d, val_obj(kw->names[i]), kw->vals[i])) return VAL_ERR;
    return VAL_NONE;
}

static Value m_setdefault(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("setdefault", 2, 1, "key", "default");
    Value v = dict_get(I, SELF, a[0]);
    if (IS_ERR(v)) return v;
    if (!IS_UNDEF(v)) return val_incref(v);
    Value dv = IS_UNDEF(a[1]) ? VAL_NONE : a[1];
    if (!dict_set(I, SELF, a[0], dv)) return VAL_ERR;
    return val_incref(dv);
}

static Value m_copy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("dict.copy");
    Dict *n = dict_new(I);
    if (!n) return VAL_ERR;
    n->flavor = SELF->flavor; /* a defaultdict's or Counter's copy is one too */
    val_decref(n->factory);
    n->factory = val_incref(SELF->factory);
    if (!update_from(I, n, argv[0])) { obj_decref(&n->h); return VAL_ERR; }
    return val_obj(n);
}

static Value m_clear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("dict.clear");
    dict_clear_all(SELF);
    return VAL_NONE;
}

static const MethodDef dict_methods[] = {
    {"get", m_get, "get(key, default=None)", "Return the value for key if key is in the dict, else default."},
    {"keys", m_keys, "keys()", "Return a view of the keys, in insertion order."},
    {"values", m_values, "values()", "Return a view of the values, in insertion order."},
    {"items", m_items, "items()", "Return a view of the (key, value) pairs, in insertion order."},
    {"pop", m_pop, "pop(key, default=<missing>)", "Remove key and return its value (or default; KeyError without one)."},
    {"popitem", m_popitem, "popitem()", "Remove and return the last inserted (key, value) pair."},
    {"update", m_update, "update(other=(), **kwargs)", "Add the pairs of a dict or of an iterable of pairs, and keyword arguments."},
    {"setdefault", m_setdefault, "setdefault(key, default=None)", "Return d[key], first inserting default if key is missing."},
    {"copy", m_copy, "copy()", "Return a shallow copy of the dict."},
    {"clear", m_clear, "clear()", "Remove every item."},
    {NULL, NULL, NULL, NULL},
};

/* d1 | d2: a new dict (of d1's flavor) with d2's pairs added; d |= pairs updates d. */
static Value counter_binop(Interp *I, BinOp op, Dict *x, Dict *y);

static Value dict_binop(Interp *I, BinOp op, Value a, Value b) {
    if (!IS_A(a, dict_class) || !IS_A(b, dict_class)) return VAL_NOTIMPL;
    if (op == BIN_EQ || op == BIN_NE) { /* with a binop slot, == comes here first */
        bool eq;
        if (!val_eq(I, a, b, &eq)) return VAL_ERR;
        return val_bool(op == BIN_EQ ? eq : !eq);
    }
    Dict *x = (Dict *)AS_OBJ(a), *y = (Dict *)AS_OBJ(b);
    if (x->flavor == DICT_COUNTER && y->flavor == DICT_COUNTER &&
        (op == BIN_ADD || op == BIN_SUB || op == BIN_AND || op == BIN_OR))
        return counter_binop(I, op, x, y);
    if (op != BIN_OR) return VAL_NOTIMPL;
    Dict *n = dict_new(I);
    if (!n) return VAL_ERR;
    n->flavor = x->flavor;
    val_decref(n->factory);
    n->factory = val_incref(x->factory);
    if (!update_from(I, n, a) || !update_from(I, n, b)) { obj_decref(&n->h); return VAL_ERR; }
    return val_obj(n);
}
static Value dict_ibinop(Interp *I, BinOp op, Value self, Value other) {
    if (op != BIN_OR) return VAL_NOTIMPL;
    if (!update_from(I, (Dict *)AS_OBJ(self), other)) return VAL_ERR;
    return val_incref(self);
}

/* ---- collections: defaultdict and Counter ---------------------------------------------
 * Both are dicts with a flavor: the same layout, slots and methods, plus what differs —
 * a missing key (default_factory() stored / 0 not stored), the repr, Counter's counting
 * update() and its own methods (found through the getattr slot, so a plain dict has none). */

/* d[key] += n */
static bool counter_add(Interp *I, Dict *d, Value key, Value n) {
    Value cur = dict_get(I, d, key);
    if (IS_ERR(cur)) return false;
    Value sum = val_binop(I, BIN_ADD, IS_UNDEF(cur) ? val_int(0) : cur, n);
    if (IS_ERR(sum)) return false;
    bool ok = dict_set(I, d, key, sum);
    val_decref(sum);
    return ok;
}

/* 1 if a > b, 0 if not, -1 on error (counts may be any numbers) */
static int gt(Interp *I, Value a, Value b) {
    Value r = val_binop(I, BIN_GT, a, b);
    if (IS_ERR(r)) return -1;
    int t = val_truth(I, r);
    val_decref(r);
    return t;
}

/* Counter + - & | Counter, as collections.Counter computes them: the combined count of each
 * key of x (then of the keys only y has), kept only when positive. */
static Value counter_binop(Interp *I, BinOp op, Dict *x, Dict *y) {
    Dict *n = dict_new(I);
    if (!n) return VAL_ERR;
    n->flavor = DICT_COUNTER;
    Value zero = val_int(0);
    for (int pass = 0; pass < 2; pass++) {
        Dict *d = pass ? y : x;
        for (int64_t i = 0; i < d->nentries; i++) {
            if (IS_UNDEF(d->entries[i].key)) continue;
            Value key = val_incref(d->entries[i].key), cnt = val_incref(d->entries[i].val);
            Value r = VAL_UNDEF;
            if (pass == 0) {
                Value o = dict_get(I, y, key);
                if (IS_UNDEF(o)) o = zero;
                if (!IS_ERR(o)) {
                    o = val_incref(o);
                    if (op == BIN_ADD) r = val_binop(I, BIN_ADD, cnt, o);
                    else if (op == BIN_SUB) r = val_binop(I, BIN_SUB, cnt, o);
                    else {
                        int g = gt(I, o, cnt);   /* other > count */
                        r = g < 0 ? VAL_ERR : val_incref((g == (op == BIN_OR)) ? o : cnt);
                    }
                    val_decref(o);
                } else r = VAL_ERR;
            } else {
                Value mine = dict_get(I, x, key);
                if (IS_ERR(mine)) r = VAL_ERR;
                else if (IS_UNDEF(mine) && op != BIN_AND)
                    r = op == BIN_SUB ? val_binop(I, BIN_SUB, zero, cnt) : val_incref(cnt);
            }
            bool ok = !IS_ERR(r);
            if (ok && !IS_UNDEF(r)) {
                int pos = gt(I, r, zero);
                ok = pos >= 0 && (!pos || dict_set(I, n, key, r));
            }
            val_decref(r);
            val_decref(key);
            val_decref(cnt);
            if (!ok) { obj_decref(&n->h); return VAL_ERR; }
        }
    }
    return val_obj(n);
}

/* Counter.update(iterable_or_mapping, **kwds): add counts (a mapping's values, else 1 per item). */
static bool counter_update(Interp *I, Dict *d, Value other, const KwArgs *kw) {
    if (IS_A(other, dict_class)) {
        Dict *o = (Dict *)AS_OBJ(other);
        for (int64_t i = 0; i < o->nentries; i++) {
            if (IS_UNDEF(o->entries[i].key)) continue;
            Value k = val_incref(o->entries[i].key), v = val_incref(o->entries[i].val);
            bool ok = counter_add(I, d, k, v);
            val_decref(k);
            val_decref(v);
            if (!ok) return false;
        }
    } else if (!IS_UNDEF(other) && !IS_NONE(other)) {
        Value it = val_iter(I, other);
        if (IS_ERR(it)) return false;
        for (;;) {
            Value x = val_next(I, it);
            if (IS_UNDEF(x)) break;
            bool ok = !IS_ERR(x) && counter_add(I, d, x, val_int(1));
            val_decref(x);
            if (!ok) { val_decref(it); return false; }
        }
        val_decref(it);
    }
    for (int i = 0; kw && i < kw->n; i++)
        if (!counter_add(I, d, val_obj(kw->names[i]), kw->vals[i])) return false;
    return true;
}

static Value pair_second(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    (void)I; (void)kw;
    return argc == 1 && IS_A(argv[0], tuple_class) ? val_incref(((Tuple *)AS_OBJ(argv[0]))->items[1]) : VAL_NONE;
}
static const MethodDef pair_second_def = {"<count>", pair_second, "<count>(pair)", "The count of a (key, count) pair."};

/* The (key, count) pairs by count, highest first, ties in insertion order; n < 0: all. */
static List *most_common(Interp *I, Dict *d, int64_t n) {
    List *l = list_new(I, d->len);
    if (!l) return NULL;
    for (int64_t i = 0; i < d->nentries; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        Value t = val_tuple2(I, d->entries[i].key, d->entries[i].val);
        bool ok = !IS_ERR(t) && list_append(I, l, t);
        val_decref(t);
        if (!ok) { obj_decref(&l->h); return NULL; }
    }
    Value key = native_new(I, &pair_second_def, VAL_UNDEF);
    if (IS_ERR(key)) { obj_decref(&l->h); return NULL; }
    bool ok = list_sort(I, l, key, true);
    val_decref(key);
    if (!ok) { obj_decref(&l->h); return NULL; }
    while (n >= 0 && l->len > n) val_decref(l->items[--l->len]);
    return l;
}

static bool counter_repr(Interp *I, StrBuf *sb, Dict *d) {
    if (d->len == 0) { sb_puts(sb, "Counter()"); return true; }
    List *l = most_common(I, d, -1);
    if (!l) {
        /* counts that do not compare: insertion order, as Python's fallback */
        if (!err_is(I, EXC_TypeError)) return false;
        err_clear(I);
        Dict *copy = dict_new(I);
        if (!copy || !update_from(I, copy, val_obj(d))) { if (copy) obj_decref(&copy->h); return false; }
        sb_puts(sb, "Counter(");
        bool ok = dict_repr(I, sb, val_obj(copy));
        obj_decref(&copy->h);
        sb_putc(sb, ')');
        return ok;
    }
    sb_puts(sb, "Counter({");
    bool ok = true;
    for (int64_t i = 0; i < l->len && ok; i++) {
        Tuple *t = (Tuple *)AS_OBJ(l->items[i]);
        if (i) sb_puts(sb, ", ");
        ok = val_repr(I, sb, t->items[0]);
        if (ok) { sb_puts(sb, ": "); ok = val_repr(I, sb, t->items[1]); }
    }
    obj_decref(&l->h);
    sb_puts(sb, "})");
    if (ok && sb->oom) { err_nomem(I); return false; }
    return ok;
}

static Value c_most_common(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("most_common", 1, 0, "n");
    int64_t n = -1;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!val_as_index(I, a[0], &n)) return VAL_ERR;
        if (n < 0) n = 0;
    }
    List *l = most_common(I, SELF, n);
    return l ? val_obj(l) : VAL_ERR;
}

static Value c_elements(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("elements");
    Dict *d = SELF;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    for (int64_t i = 0; i < d->nentries; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        Value c = d->entries[i].val;
        int64_t n = IS_INT(c) ? c.as.i : IS_BOOL(c) ? c.as.b : 0;
        if (!IS_INT(c) && !IS_BOOL(c)) {
            obj_decref(&l->h);
            return err_raise(I, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(c));
        }
        for (int64_t j = 0; j < n; j++)
            if (!list_append(I, l, d->entries[i].key)) { obj_decref(&l->h); return VAL_ERR; }
    }
    Value it = val_iter(I, val_obj(l));
    obj_decref(&l->h);
    return it;
}

static Value c_total(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("total");
    Dict *d = SELF;
    Value sum = val_int(0);
    for (int64_t i = 0; i < d->nentries; i++) {
        if (IS_UNDEF(d->entries[i].key)) continue;
        Value s = val_binop(I, BIN_ADD, sum, d->entries[i].val);
        val_decref(sum);
        if (IS_ERR(s)) return s;
        sum = s;
    }
    return sum;
}

static Value c_subtract(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 2) return err_raise(I, EXC_TypeError, "subtract expected at most 1 argument, got %d", argc - 1);
    Dict *d = SELF;
    /* subtracting is adding the negated counts */
    Dict *neg = dict_new(I);
    if (!neg) return VAL_ERR;
    neg->flavor = DICT_COUNTER;
    bool ok = counter_update(I, neg, argc == 2 ? argv[1] : VAL_UNDEF, kw);
    for (int64_t i = 0; ok && i < neg->nentries; i++) {
        if (IS_UNDEF(neg->entries[i].key)) continue;
        Value m = val_unop(I, UN_NEG, neg->entries[i].val);
        ok = !IS_ERR(m) && counter_add(I, d, neg->entries[i].key, m);
        val_decref(m);
    }
    obj_decref(&neg->h);
    return ok ? VAL_NONE : VAL_ERR;
}

static const MethodDef counter_methods[] = {
    {"most_common", c_most_common, "most_common(n=None)", "The n most common (element, count) pairs, highest count first."},
    {"elements", c_elements, "elements()", "An iterator over the elements, each repeated as often as its count."},
    {"total", c_total, "total()", "The sum of the counts."},
    {"subtract", c_subtract, "subtract(iterable_or_mapping=(), **kwds)", "Subtract counts (they may go to zero or below)."},
    {NULL, NULL, NULL, NULL},
};

static Value dict_getattr(Interp *I, Value self, Str *name) {
    Dict *d = (Dict *)AS_OBJ(self);
    if (d->flavor == DICT_PLAIN) return VAL_UNDEF;
    if (d->flavor == DICT_DEFAULT && strcmp(name->data, "default_factory") == 0) return val_incref(d->factory);
    if (d->flavor == DICT_COUNTER)
        for (const MethodDef *m = counter_methods; m->name; m++)
            if (strcmp(m->name, name->data) == 0) return native_new(I, m, self);
    return VAL_UNDEF;
}

static const char *dict_type_name(Value self) {
    uint8_t f = ((Dict *)AS_OBJ(self))->flavor;
    return f == DICT_DEFAULT ? "collections.defaultdict" : f == DICT_COUNTER ? "collections.Counter" : f == DICT_ORDERED ? "collections.OrderedDict" : "dict";
}

/* defaultdict(default_factory=None, mapping_or_pairs=(), **kwargs) */
static Value coll_defaultdict(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Value f = argc ? argv[0] : VAL_NONE;
    if (!IS_NONE(f) && !(IS_OBJ(f) && (AS_OBJ(f)->cls->call || AS_OBJ(f)->cls == &native_class)))
        return err_raise(I, EXC_TypeError, "first argument must be callable or None");
    if (argc > 2) return err_raise(I, EXC_TypeError, "defaultdict expected at most 2 arguments, got %d", argc);
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    d->flavor = DICT_DEFAULT;
    d->factory = val_incref(f);
    bool ok = argc < 2 || update_from(I, d, argv[1]);
    for (int i = 0; ok && kw && i < kw->n; i++) ok = dict_set(I, d, val_obj(kw->names[i]), kw->vals[i]);
    if (!ok) { obj_decref(&d->h); return VAL_ERR; }
    return val_obj(d);
}

/* Counter(iterable_or_mapping=None, **kwds) */
static Value coll_counter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 1) return err_raise(I, EXC_TypeError, "expected at most 1 argument, got %d", argc);
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    d->flavor = DICT_COUNTER;
    if (!counter_update(I, d, argc ? argv[0] : VAL_UNDEF, kw)) { obj_decref(&d->h); return VAL_ERR; }
    return val_obj(d);
}

/* OrderedDict(mapping_or_pairs=(), **kwargs): a dict (insertion-ordered already) that prints as
 * OrderedDict([...]); nn.Module.state_dict() returns one */
static Value coll_ordereddict(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 1) return err_raise(I, EXC_TypeError, "expected at most 1 arguments, got %d", argc);
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    d->flavor = DICT_ORDERED;
    bool ok = argc < 1 || update_from(I, d, argv[0]);
    for (int i = 0; ok && kw && i < kw->n; i++) ok = dict_set(I, d, val_obj(kw->names[i]), kw->vals[i]);
    if (!ok) { obj_decref(&d->h); return VAL_ERR; }
    return val_obj(d);
}

static const MethodDef collections_table[] = {
    {"OrderedDict", coll_ordereddict, "OrderedDict(mapping_or_pairs=(), **kwargs)", "A dict that prints as OrderedDict([(key, value), ...])."},
    {"defaultdict", coll_defaultdict, "defaultdict(default_factory=None, ...)", "A dict that fills a missing key with default_factory()."},
    {"Counter", coll_counter, "Counter(iterable_or_mapping=None, **kwds)", "A dict of counts: how often each item occurs."},
    {"deque", dq_construct, "deque(iterable=(), maxlen=None)", "A double-ended queue: fast append/pop at both ends."},
    {NULL, NULL, NULL, NULL},
};

Module *dict_collections_init(Interp *I) {
    Module *m = module_new(I, "collections");
    if (!m) return NULL;
    if (!module_add_natives(I, m, collections_table)) { obj_decref((Obj *)m); return NULL; }
    return m;
}

static void dict_clear(Obj *o) {
    Dict *d = (Dict *)o;
    dict_clear_all(d);
    Value f = d->factory; /* a factory closure can hold the dict */
    d->factory = VAL_NONE;
    val_decref(f);
}

static void dict_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) {
    Dict *d = (Dict *)o;
    for (int64_t i = 0; i < d->nentries; i++)
        if (!IS_UNDEF(d->entries[i].key)) { visit(d->entries[i].key, ctx); visit(d->entries[i].val, ctx); }
    visit(d->factory, ctx);
}

const ObjClass dict_class = {
    .name = "dict",
    .free = dict_free,
    .clear = dict_clear,
    .traverse = dict_traverse,
    .repr = dict_repr,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .delitem = dict_delitem,
    .iter = dict_iter,
    .len = dict_len,
    .contains = dict_contains,
    .eq = dict_eq,
    .methods = dict_methods,
    .getattr = dict_getattr,
    .type_name = dict_type_name,
    .binop = dict_binop,
    .ibinop = dict_ibinop,
};
