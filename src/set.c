/* set.c — the set type, as CPython 3.11's setobject.c (prefix set_).
 *
 * An unordered hash table, probed exactly as CPython probes it (runs of LINEAR_PROBES
 * neighbours, then perturbation), resized at the same fill and to the same sizes, and
 * merged and copied the same way: with hash() equal to CPython's for ints, floats and
 * tuples, a set of numbers iterates (and prints) in CPython's order, {3, 1, 2} as {1, 2, 3}.
 * Empty entries have key V_UNDEF, deleted ones ("dummies") key V_NOTIMPL.
 * Sets are registered containers (obj_track): a set can reach itself through a hashable
 * function whose defaults or closure hold it. */
#include <string.h>
#include "interp.h"
#include "mem.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define IS_DUMMY(v) ((v).kind == V_NOTIMPL)
#define IS_LIVE(v) (!IS_UNDEF(v) && !IS_DUMMY(v))

typedef struct SetEntry { Value key; uint64_t hash; } SetEntry;
typedef struct Set {
    Obj h;
    ObjLink link;          /* in the interpreter's registry (see obj_track) */
    int64_t fill;          /* live + dummy entries */
    int64_t used;          /* live entries */
    uint64_t mask;         /* table size - 1 */
    uint64_t finger;       /* where pop() looks first */
    SetEntry *table;       /* smalltable or a heap table */
    SetEntry smalltable[SET_MINSIZE];
} Set;

#define AS_SET(v) ((Set *)AS_OBJ(v))
#define IS_SET(v) IS_A(v, set_class)

static void set_reset(Set *s) {
    s->fill = s->used = 0;
    s->mask = SET_MINSIZE - 1;
    s->finger = 0;
    s->table = s->smalltable;
    for (int i = 0; i < SET_MINSIZE; i++) s->smalltable[i] = (SetEntry){VAL_UNDEF, 0};
}

Value set_new_value(Interp *I) {
    Set *s = obj_new(I, &set_class, sizeof(Set));
    if (!s) return VAL_ERR;
    set_reset(s);
    obj_track(I, &s->link);
    return val_obj(s);
}

/* Drop every key, back to the empty small table. */
static void set_clear_all(Set *s) {
    SetEntry *t = s->table;
    uint64_t n = s->mask + 1;
    bool heap = t != s->smalltable;
    SetEntry copy[SET_MINSIZE];
    if (!heap) { memcpy(copy, t, sizeof copy); t = copy; }
    set_reset(s);
    for (uint64_t i = 0; i < n; i++)
        if (IS_LIVE(t[i].key)) val_decref(t[i].key);
    if (heap) mem_free(t, sizeof(SetEntry) * n);
}

static void set_free(Obj *o) {
    Set *s = (Set *)o;
    obj_untrack(&s->link);
    set_clear_all(s);
    obj_dealloc(o, sizeof(Set));
}
static void set_clear_slot(Obj *o) { set_clear_all((Set *)o); }

/* Are the two keys (with equal hashes) equal? -1: error pending. */
static int keys_equal(Interp *I, Value a, Value b) {
    if (a.kind == b.kind && (a.kind == V_OBJ ? AS_OBJ(a) == AS_OBJ(b)
                             : a.kind == V_NONE || memcmp(&a.as, &b.as, sizeof a.as) == 0))
        return 1;
    bool eq;
    if (!val_eq(I, a, b, &eq)) return -1;
    return eq;
}

/* Put a key (reference owned by the table) into a table known to have no dummies and no equal key. */
static void insert_clean(SetEntry *table, uint64_t mask, Value key, uint64_t hash) {
    uint64_t perturb = hash, i = hash & mask;
    for (;;) {
        SetEntry *e = &table[i];
        if (IS_UNDEF(e->key)) goto found;
        if (i + LINEAR_PROBES <= mask)
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (IS_UNDEF(e->key)) goto found;
            }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

/* Rebuild the table with room for more than `minused` keys, dropping the dummies. */
static bool set_resize(Interp *I, Set *s, int64_t minused) {
    uint64_t newsize = SET_MINSIZE;
    while (newsize <= (uint64_t)minused) newsize <<= 1;
    SetEntry *old = s->table;
    uint64_t oldsize = s->mask + 1;
    bool old_heap = old != s->smalltable;
    SetEntry small_copy[SET_MINSIZE];
    SetEntry *nt;
    if (newsize == SET_MINSIZE) {
        if (!old_heap) {
            if (s->fill == s->used) return true; /* nothing to compact */
            memcpy(small_copy, old, sizeof small_copy);
            old = small_copy;
        }
        nt = s->smalltable;
    } else {
        nt = mem_alloc(sizeof(SetEntry) * newsize);
        if (!nt) { err_nomem(I); return false; }
    }
    for (uint64_t i = 0; i < newsize; i++) nt[i] = (SetEntry){VAL_UNDEF, 0};
    s->table = nt;
    s->mask = newsize - 1;
    s->fill = s->used;
    for (uint64_t i = 0; i < oldsize; i++)
        if (IS_LIVE(old[i].key)) insert_clean(nt, s->mask, old[i].key, old[i].hash);
    if (old_heap) mem_free(old, sizeof(SetEntry) * oldsize);
    return true;
}

/* Add key (borrowed) with its hash. */
static bool add_entry(Interp *I, Set *s, Value key, uint64_t hash) {
restart:;
    uint64_t mask = s->mask, i = hash & mask, perturb = hash;
    SetEntry *freeslot = NULL, *e;
    for (;;) {
        e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (IS_UNDEF(e->key)) goto found_unused_or_dummy;
            if (IS_DUMMY(e->key)) {
                if (!freeslot) freeslot = e;
            } else if (e->hash == hash) {
                SetEntry *table = s->table;
                Value k = val_incref(e->key);
                int eq = keys_equal(I, k, key);
                val_decref(k);
                if (eq < 0) return false;
                if (table != s->table || mask != s->mask) goto restart; /* mutated meanwhile */
                if (eq) return true;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        s->used++;
        freeslot->key = val_incref(key);
        freeslot->hash = hash;
        return true;
    }
    s->fill++;
    s->used++;
    e->key = val_incref(key);
    e->hash = hash;
    if ((uint64_t)s->fill * 5 < mask * 3) return true;
    return set_resize(I, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* The entry holding key, or NULL; *err set when a comparison failed. */
static SetEntry *lookup(Interp *I, Set *s, Value key, uint64_t hash, bool *err) {
    *err = false;
restart:;
    uint64_t mask = s->mask, i = hash & mask, perturb = hash;
    for (;;) {
        SetEntry *e = &s->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (IS_UNDEF(e->key)) return NULL;
            if (!IS_DUMMY(e->key) && e->hash == hash) {
                SetEntry *table = s->table;
                Value k = val_incref(e->key);
                int eq = keys_equal(I, k, key);
                val_decref(k);
                if (eq < 0) { *err = true; return NULL; }
                if (table != s->table || mask != s->mask) goto restart;
                if (eq) return e;
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* 1 found, 0 not, -1 error. */
static int contains_entry(Interp *I, Set *s, Value key, uint64_t hash) {
    bool err;
    SetEntry *e = lookup(I, s, key, hash, &err);
    return err ? -1 : e != NULL;
}
static int contains_key(Interp *I, Set *s, Value key) {
    uint64_t h;
    if (!val_hash(I, key, &h)) return -1;
    return contains_entry(I, s, key, h);
}

/* 1 removed, 0 absent, -1 error. */
static int discard_entry(Interp *I, Set *s, Value key, uint64_t hash) {
    bool err;
    SetEntry *e = lookup(I, s, key, hash, &err);
    if (err) return -1;
    if (!e) return 0;
    Value old = e->key;
    e->key = VAL_NOTIMPL;
    e->hash = 0;
    s->used--;
    val_decref(old);
    return 1;
}

bool set_add(Interp *I, Value set, Value key) {
    uint64_t h;
    if (!val_hash(I, key, &h)) return false;
    return add_entry(I, AS_SET(set), key, h);
}

/* set_merge: add every key of another set, copying its table outright when it can. */
static bool merge(Interp *I, Set *s, Set *o) {
    if (o == s || o->used == 0) return true;
    if ((uint64_t)(s->fill + o->used) * 5 >= s->mask * 3)
        if (!set_resize(I, s, (s->used + o->used) * 2)) return false;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        for (uint64_t i = 0; i <= o->mask; i++)
            if (IS_LIVE(o->table[i].key)) s->table[i] = (SetEntry){val_incref(o->table[i].key), o->table[i].hash};
        s->fill = s->used = o->used;
        return true;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (uint64_t i = 0; i <= o->mask; i++)
            if (IS_LIVE(o->table[i].key)) insert_clean(s->table, s->mask, val_incref(o->table[i].key), o->table[i].hash);
        return true;
    }
    for (uint64_t i = 0; i <= o->mask; i++) {
        if (!IS_LIVE(o->table[i].key)) continue;
        Value k = val_incref(o->table[i].key);
        bool ok = add_entry(I, s, k, o->table[i].hash);
        val_decref(k);
        if (!ok) return false;
        if (i > o->mask) break; /* o changed under a comparison */
    }
    return true;
}

/* set_update_internal: add the items of any iterable. */
static bool update(Interp *I, Set *s, Value other) {
    if (IS_SET(other)) return merge(I, s, AS_SET(other));
    if (IS_A(other, dict_class)) {
        Dict *d = (Dict *)AS_OBJ(other);
        if ((uint64_t)(s->fill + d->len) * 5 >= s->mask * 3)
            if (!set_resize(I, s, (s->used + d->len) * 2)) return false;
        for (int64_t i = 0; i < d->nentries; i++) {
            if (IS_UNDEF(d->entries[i].key)) continue;
            Value k = val_incref(d->entries[i].key);
            bool ok = add_entry(I, s, k, d->entries[i].hash);
            val_decref(k);
            if (!ok) return false;
        }
        return true;
    }
    Value it = val_iter(I, other);
    if (IS_ERR(it)) return false;
    for (;;) {
        Value k = val_next(I, it);
        if (IS_ERR(k)) { val_decref(it); return false; }
        if (IS_UNDEF(k)) break;
        uint64_t h;
        bool ok = val_hash(I, k, &h) && add_entry(I, s, k, h);
        val_decref(k);
        if (!ok) { val_decref(it); return false; }
    }
    val_decref(it);
    return true;
}

bool set_update(Interp *I, Value set, Value iterable) { return update(I, AS_SET(set), iterable); }

/* A new set of the iterable's items (NULL iterable: empty). */
static Value set_from(Interp *I, Value iterable) {
    Value r = set_new_value(I);
    if (IS_ERR(r) || IS_UNDEF(iterable)) return r;
    if (!update(I, AS_SET(r), iterable)) { val_decref(r); return VAL_ERR; }
    return r;
}

/* The live entries in table order: *pos starts at 0. */
static SetEntry *next_entry(Set *s, uint64_t *pos) {
    while (*pos <= s->mask) {
        SetEntry *e = &s->table[(*pos)++];
        if (IS_LIVE(e->key)) return e;
    }
    return NULL;
}

/* s1 <= s2; the other side already a set. -1 error. */
static int is_subset(Interp *I, Set *a, Set *b) {
    if (a->used > b->used) return 0;
    uint64_t pos = 0;
    for (SetEntry *e; (e = next_entry(a, &pos));) {
        Value k = val_incref(e->key);
        int r = contains_entry(I, b, k, e->hash);
        val_decref(k);
        if (r <= 0) return r;
    }
    return 1;
}

static Value intersection(Interp *I, Set *s, Value other) {
    if (IS_SET(other) && AS_SET(other) == s) return set_from(I, val_obj(s));
    Value r = set_new_value(I);
    if (IS_ERR(r)) return r;
    if (IS_SET(other)) {
        Set *o = AS_SET(other), *big = s;
        if (o->used > s->used) { big = o; o = s; }
        uint64_t pos = 0;
        for (SetEntry *e; (e = next_entry(o, &pos));) {
            Value k = val_incref(e->key);
            uint64_t h = e->hash;
            int c = contains_entry(I, big, k, h);
            bool ok = c >= 0 && (c == 0 || add_entry(I, AS_SET(r), k, h));
            val_decref(k);
            if (!ok) { val_decref(r); return VAL_ERR; }
        }
        return r;
    }
    Value it = val_iter(I, other);
    if (IS_ERR(it)) { val_decref(r); return it; }
    for (;;) {
        Value k = val_next(I, it);
        if (IS_UNDEF(k)) break;
        uint64_t h;
        int c = -1;
        if (!IS_ERR(k) && val_hash(I, k, &h)) c = contains_entry(I, s, k, h);
        bool ok = c >= 0 && (c == 0 || add_entry(I, AS_SET(r), k, h));
        val_decref(k);
        if (!ok) { val_decref(it); val_decref(r); return VAL_ERR; }
    }
    val_decref(it);
    return r;
}

/* Remove from s every item of other (set_difference_update_internal). */
static bool difference_update(Interp *I, Set *s, Value other) {
    if (IS_SET(other) && AS_SET(other) == s) { set_clear_all(s); return true; }
    if (IS_SET(other)) {
        Set *o = AS_SET(other);
        uint64_t pos = 0;
        for (SetEntry *e; (e = next_entry(o, &pos));) {
            Value k = val_incref(e->key);
            int r = discard_entry(I, s, k, e->hash);
            val_decref(k);
            if (r < 0) return false;
        }
    } else {
        Value it = val_iter(I, other);
        if (IS_ERR(it)) return false;
        for (;;) {
            Value k = val_next(I, it);
            if (IS_UNDEF(k)) break;
            uint64_t h;
            bool ok = !IS_ERR(k) && val_hash(I, k, &h) && discard_entry(I, s, k, h) >= 0;
            val_decref(k);
            if (!ok) { val_decref(it); return false; }
        }
        val_decref(it);
    }
    /* more than a quarter dummies: resize them away */
    if ((uint64_t)(s->fill - s->used) <= s->mask / 4) return true;
    return set_resize(I, s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

static Value difference(Interp *I, Set *s, Value other) {
    int64_t other_size = -1;
    if (IS_SET(other)) other_size = AS_SET(other)->used;
    else if (IS_A(other, dict_class)) other_size = ((Dict *)AS_OBJ(other))->len;
    if (s->used == 0 || other_size < 0 || (s->used >> 2) > other_size) {
        Value r = set_from(I, val_obj(s));
        if (IS_ERR(r)) return r;
        if (s->used && !difference_update(I, AS_SET(r), other)) { val_decref(r); return VAL_ERR; }
        return r;
    }
    Value r = set_new_value(I);
    if (IS_ERR(r)) return r;
    uint64_t pos = 0;
    for (SetEntry *e; (e = next_entry(s, &pos));) {
        Value k = val_incref(e->key);
        uint64_t h = e->hash;
        int c;
        if (IS_SET(other)) c = contains_entry(I, AS_SET(other), k, h);
        else {
            Value v = dict_get(I, (Dict *)AS_OBJ(other), k);
            c = IS_ERR(v) ? -1 : !IS_UNDEF(v);
        }
        bool ok = c >= 0 && (c == 1 || add_entry(I, AS_SET(r), k, h));
        val_decref(k);
        if (!ok) { val_decref(r); return VAL_ERR; }
    }
    return r;
}

static bool symmetric_difference_update(Interp *I, Set *s, Value other) {
    if (IS_SET(other) && AS_SET(other) == s) { set_clear_all(s); return true; }
    Value o = IS_SET(other) ? val_incref(other) : set_from(I, other);
    if (IS_ERR(o)) return false;
    uint64_t pos = 0;
    bool ok = true;
    for (SetEntry *e; ok && (e = next_entry(AS_SET(o), &pos));) {
        Value k = val_incref(e->key);
        uint64_t h = e->hash;
        int r = discard_entry(I, s, k, h);
        ok = r >= 0 && (r == 1 || add_entry(I, s, k, h));
        val_decref(k);
    }
    val_decref(o);
    return ok;
}

static Value symmetric_difference(Interp *I, Set *s, Value other) {
    Value r = set_from(I, other);
    if (IS_ERR(r)) return r;
    if (!symmetric_difference_update(I, AS_SET(r), val_obj(s))) { val_decref(r); return VAL_ERR; }
    return r;
}

static Value set_union_one(Interp *I, Set *s, Value other) {
    Value r = set_from(I, val_obj(s));
    if (IS_ERR(r)) return r;
    if (!update(I, AS_SET(r), other)) { val_decref(r); return VAL_ERR; }
    return r;
}

/* Exchange the contents of two sets (intersection_update keeps the new table). */
static void swap_bodies(Set *a, Set *b) {
    Set t = *a;
    a->fill = b->fill; a->used = b->used; a->mask = b->mask; a->finger = b->finger;
    memcpy(a->smalltable, b->smalltable, sizeof a->smalltable);
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->fill = t.fill; b->used = t.used; b->mask = t.mask; b->finger = t.finger;
    memcpy(b->smalltable, t.smalltable, sizeof b->smalltable);
    b->table = t.table == a->smalltable ? b->smalltable : t.table;
}

/* ---- slots ------------------------------------------------------------------------- */

static bool set_repr(Interp *I, StrBuf *sb, Value self) {
    Set *s = AS_SET(self);
    if (s->used == 0) { sb_puts(sb, "set()"); return true; }
    sb_putc(sb, '{');
    uint64_t pos = 0;
    bool first = true;
    for (SetEntry *e; (e = next_entry(s, &pos));) {
        if (!first) sb_puts(sb, ", ");
        first = false;
        Value k = val_incref(e->key);
        bool ok = val_repr(I, sb, k);
        val_decref(k);
        if (!ok) return false;
    }
    sb_putc(sb, '}');
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static int64_t set_len(Interp *I, Value self) { return AS_SET(self)->used; }

static bool set_contains(Interp *I, Value self, Value item, bool *out) {
    int r = contains_key(I, AS_SET(self), item);
    if (r < 0) return false;
    *out = r;
    return true;
}

static bool set_eq(Interp *I, Value a, Value b, bool *out) {
    *out = false;
    if (AS_SET(a)->used != AS_SET(b)->used) return true;
    int r = is_subset(I, AS_SET(a), AS_SET(b));
    if (r < 0) return false;
    *out = r;
    return true;
}

static Value set_binop(Interp *I, BinOp op, Value a, Value b) {
    if (!IS_SET(a) || !IS_SET(b)) return VAL_NOTIMPL;
    Set *x = AS_SET(a), *y = AS_SET(b);
    int r;
    switch (op) {
    case BIN_OR: return set_union_one(I, x, b);
    case BIN_AND: return intersection(I, x, b);
    case BIN_SUB: return difference(I, x, b);
    case BIN_XOR: return symmetric_difference(I, x, b);
    case BIN_EQ: case BIN_NE: {
        bool eq;
        if (!set_eq(I, a, b, &eq)) return VAL_ERR;
        return val_bool(op == BIN_EQ ? eq : !eq);
    }
    case BIN_LE: r = is_subset(I, x, y); break;
    case BIN_GE: r = is_subset(I, y, x); break;
    case BIN_LT: r = x->used < y->used ? is_subset(I, x, y) : 0; break;
    case BIN_GT: r = y->used < x->used ? is_subset(I, y, x) : 0; break;
    default: return VAL_NOTIMPL;
    }
    return r < 0 ? VAL_ERR : val_bool(r);
}

static Value set_ibinop(Interp *I, BinOp op, Value self, Value other) {
    if (!IS_SET(other)) return VAL_NOTIMPL;
    Set *s = AS_SET(self);
    bool ok;
    switch (op) {
    case BIN_OR: ok = update(I, s, other); break;
    case BIN_SUB: ok = difference_update(I, s, other); break;
    case BIN_XOR: ok = symmetric_difference_update(I, s, other); break;
    case BIN_AND: {
        Value t = intersection(I, s, other);
        if (IS_ERR(t)) return t;
        swap_bodies(s, AS_SET(t));
        val_decref(t);
        ok = true;
        break;
    }
    default: return VAL_NOTIMPL;
    }
    return ok ? val_incref(self) : VAL_ERR;
}

/* Iterator; RuntimeError if the set changes size meanwhile. */
typedef struct SetIter { Obj h; Set *s; uint64_t pos; int64_t used; } SetIter;
static void seti_free(Obj *o) { obj_decref(&((SetIter *)o)->s->h); obj_dealloc(o, sizeof(SetIter)); }
static Value seti_next(Interp *I, Value self) {
    SetIter *it = (SetIter *)AS_OBJ(self);
    if (it->s->used != it->used) {
        it->used = -1;
        return err_raise(I, EXC_RuntimeError, "Set changed size during iteration");
    }
    SetEntry *e = next_entry(it->s, &it->pos);
    return e ? val_incref(e->key) : VAL_UNDEF;
}
static Value seti_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass set_iter_class = {
    .name = "set_iterator", .free = seti_free, .next = seti_next, .iter = seti_iter,
};
static Value set_iter(Interp *I, Value self) {
    SetIter *it = obj_new(I, &set_iter_class, sizeof(SetIter));
    if (!it) return VAL_ERR;
    it->s = AS_SET(self);
    obj_incref(&it->s->h);
    it->pos = 0;
    it->used = it->s->used;
    return val_obj(it);
}

/* ---- methods ------------------------------------------------------------------------ */

#define SELF AS_SET(argv[0])
#define ARGS(fname, np, nreq, ...)                                                              \
    static const char *const names_[] = {__VA_ARGS__};                                          \
    Value a[np];                                                                                \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, np, names_, nreq, a)) return VAL_ERR
#define NOARGS(fname) \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR
/* METH_O methods: CPython's words for a wrong count. */
static bool one_arg(Interp *I, const char *fname, int argc, const KwArgs *kw) {
    if (kw && kw->n) { err_raise(I, EXC_TypeError, "set.%s() takes no keyword arguments", fname); return false; }
    if (argc == 2) return true;
    err_raise(I, EXC_TypeError, "set.%s() takes exactly one argument (%d given)", fname, argc - 1);
    return false;
}
/* Methods taking *others: positional only. */
#define VARARGS(fname) \
    if (!nat_positional(I, fname, argc - 1, kw, 0, 1 << 30)) return VAL_ERR

static Value m_add(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "add", argc, kw)) return VAL_ERR;
    return set_add(I, argv[0], argv[1]) ? VAL_NONE : VAL_ERR;
}

static Value m_discard(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "discard", argc, kw)) return VAL_ERR;
    uint64_t h;
    if (!val_hash(I, argv[1], &h) || discard_entry(I, SELF, argv[1], h) < 0) return VAL_ERR;
    return VAL_NONE;
}

static Value m_remove(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "remove", argc, kw)) return VAL_ERR;
    uint64_t h;
    if (!val_hash(I, argv[1], &h)) return VAL_ERR;
    int r = discard_entry(I, SELF, argv[1], h);
    if (r < 0) return VAL_ERR;
    if (r == 0) {
        return exc_raise_key(I, argv[1]);
    }
    return VAL_NONE;
}

static Value m_pop(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("set.pop");
    Set *s = SELF;
    if (s->used == 0) {
        Value k = val_str(I, "pop from an empty set", 21);
        if (IS_ERR(k)) return k;
        exc_raise_key(I, k);
        val_decref(k);
        return VAL_ERR;
    }
    SetEntry *e = &s->table[s->finger & s->mask];
    while (!IS_LIVE(e->key)) {
        e++;
        if (e > s->table + s->mask) e = s->table;
    }
    Value k = e->key;
    e->key = VAL_NOTIMPL;
    e->hash = 0;
    s->used--;
    s->finger = (uint64_t)(e - s->table) + 1;
    return k;
}

static Value m_clear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("set.clear");
    set_clear_all(SELF);
    return VAL_NONE;
}

static Value m_copy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("set.copy");
    return set_from(I, argv[0]);
}

static Value m_update(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    VARARGS("set.update");
    for (int i = 1; i < argc; i++)
        if (!update(I, SELF, argv[i])) return VAL_ERR;
    return VAL_NONE;
}

static Value m_union(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    VARARGS("set.union");
    Value r = set_from(I, argv[0]);
    for (int i = 1; i < argc && !IS_ERR(r); i++) {
        if (IS_SET(argv[i]) && AS_SET(argv[i]) == SELF) continue;
        if (!update(I, AS_SET(r), argv[i])) { val_decref(r); r = VAL_ERR; }
    }
    return r;
}

static Value m_intersection(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    VARARGS("set.intersection");
    Value r = set_from(I, argv[0]);
    for (int i = 1; i < argc && !IS_ERR(r); i++) {
        Value t = intersection(I, AS_SET(r), argv[i]);
        val_decref(r);
        r = t;
    }
    return r;
}

static Value m_intersection_update(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Value t = m_intersection(I, argc, argv, kw);
    if (IS_ERR(t)) return t;
    swap_bodies(SELF, AS_SET(t));
    val_decref(t);
    return VAL_NONE;
}

static Value m_difference(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    VARARGS("set.difference");
    if (argc == 1) return set_from(I, argv[0]);
    if (argc == 2) return difference(I, SELF, argv[1]);
    Value r = set_from(I, argv[0]);
    for (int i = 1; i < argc && !IS_ERR(r); i++)
        if (!difference_update(I, AS_SET(r), argv[i])) { val_decref(r); r = VAL_ERR; }
    return r;
}

static Value m_difference_update(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    VARARGS("set.difference_update");
    for (int i = 1; i < argc; i++)
        if (!difference_update(I, SELF, argv[i])) return VAL_ERR;
    return VAL_NONE;
}

static Value m_symmetric_difference(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "symmetric_difference", argc, kw)) return VAL_ERR;
    return symmetric_difference(I, SELF, argv[1]);
}

static Value m_symmetric_difference_update(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "symmetric_difference_update", argc, kw)) return VAL_ERR;
    return symmetric_difference_update(I, SELF, argv[1]) ? VAL_NONE : VAL_ERR;
}

/* issubset / issuperset: a non-set argument is made a set first. */
static Value subset_test(Interp *I, Set *s, Value other, bool super) {
    Value o = IS_SET(other) ? val_incref(other) : set_from(I, other);
    if (IS_ERR(o)) return o;
    int r = super ? is_subset(I, AS_SET(o), s) : is_subset(I, s, AS_SET(o));
    val_decref(o);
    return r < 0 ? VAL_ERR : val_bool(r);
}
static Value m_issubset(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "issubset", argc, kw)) return VAL_ERR;
    return subset_test(I, SELF, argv[1], false);
}
static Value m_issuperset(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "issuperset", argc, kw)) return VAL_ERR;
    return subset_test(I, SELF, argv[1], true);
}

static Value m_isdisjoint(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!one_arg(I, "isdisjoint", argc, kw)) return VAL_ERR;
    Value t = intersection(I, SELF, argv[1]);
    if (IS_ERR(t)) return t;
    bool empty = AS_SET(t)->used == 0;
    val_decref(t);
    return val_bool(empty);
}

static const MethodDef set_methods[] = {
    {"add", m_add, "add(elem)", "Add an element (no effect if it is already present)."},
    {"discard", m_discard, "discard(elem)", "Remove an element if it is present."},
    {"remove", m_remove, "remove(elem)", "Remove an element; KeyError if it is absent."},
    {"pop", m_pop, "pop()", "Remove and return an arbitrary element; KeyError if the set is empty."},
    {"clear", m_clear, "clear()", "Remove every element."},
    {"copy", m_copy, "copy()", "Return a shallow copy of the set."},
    {"update", m_update, "update(*others)", "Add the elements of every iterable (s |= t)."},
    {"union", m_union, "union(*others)", "A new set with the elements of the set and of every iterable (s | t)."},
    {"intersection", m_intersection, "intersection(*others)", "A new set with the elements common to all (s & t)."},
    {"intersection_update", m_intersection_update, "intersection_update(*others)", "Keep only the elements found in every iterable (s &= t)."},
    {"difference", m_difference, "difference(*others)", "A new set with the elements not in the others (s - t)."},
    {"difference_update", m_difference_update, "difference_update(*others)", "Remove the elements of every iterable (s -= t)."},
    {"symmetric_difference", m_symmetric_difference, "symmetric_difference(other)", "A new set with the elements in exactly one of the two (s ^ t)."},
    {"symmetric_difference_update", m_symmetric_difference_update, "symmetric_difference_update(other)", "Keep the elements in exactly one of the two (s ^= t)."},
    {"issubset", m_issubset, "issubset(other)", "Whether every element is in other (s <= t)."},
    {"issuperset", m_issuperset, "issuperset(other)", "Whether every element of other is in the set (s >= t)."},
    {"isdisjoint", m_isdisjoint, "isdisjoint(other)", "Whether the set and other have no element in common."},
    {NULL, NULL, NULL, NULL},
};

static void set_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) {
    Set *s = (Set *)o;
    for (uint64_t i = 0; i <= s->mask; i++)
        if (s->table[i].key.kind != V_UNDEF && s->table[i].key.kind != V_NOTIMPL) visit(s->table[i].key, ctx);
}

const ObjClass set_class = {
    .name = "set",
    .free = set_free,
    .clear = set_clear_slot,
    .traverse = set_traverse,
    .repr = set_repr,
    .binop = set_binop,
    .ibinop = set_ibinop,
    .iter = set_iter,
    .len = set_len,
    .contains = set_contains,
    .eq = set_eq,
    .methods = set_methods,
};

/* set(iterable=()) */
Value set_construct(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "set() takes no keyword arguments");
    if (argc > 1) return err_raise(I, EXC_TypeError, "set expected at most 1 argument, got %d", argc);
    return set_from(I, argc ? argv[0] : VAL_UNDEF);
}
