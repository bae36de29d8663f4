/* deque.c — collections.deque (prefix dq_): a double-ended queue on a ring buffer.
 *
 * items[(head + i) % cap] is element i. appends and pops at either end are O(1); a deque
 * with maxlen drops items from the opposite end when full, as CPython's. A deque is a
 * registered container (obj_track, .clear): d.append(d) is a cycle reference counting never
 * frees. `state` counts mutations so that an iterator notices the deque changed under it
 * (CPython's "deque mutated during iteration"). */
#include <stdio.h>
#include <string.h>
#include "eval.h"
#include "mem.h"

typedef struct Deque {
    Obj h;
    ObjLink link;       /* in the interpreter's registry (see obj_track) */
    int64_t head, len, cap;
    int64_t maxlen;     /* -1: unbounded */
    uint64_t state;     /* bumped by every mutation */
    bool in_repr;       /* repr of a deque that holds itself prints [...] */
    Value *items;
} Deque;

typedef struct DequeIter { Obj h; Deque *d; int64_t pos; uint64_t state; bool rev; } DequeIter;

extern const ObjClass deque_class;
#define DQ(v) ((Deque *)AS_OBJ(v))
#define AT(d, i) ((d)->items[((d)->head + (i)) % (d)->cap])

static void dq_clear_all(Deque *d) {
    Value *items = d->items;
    int64_t head = d->head, len = d->len, cap = d->cap;
    d->items = NULL;
    d->head = d->len = d->cap = 0;
    d->state++;
    /* decref after the deque is empty: an item's free can reach the deque again */
    for (int64_t i = 0; i < len; i++) val_decref(items[(head + i) % cap]);
    mem_free(items, sizeof(Value) * (size_t)cap);
}

static void dq_free(Obj *o) {
    Deque *d = (Deque *)o;
    obj_untrack(&d->link);
    dq_clear_all(d);
    obj_dealloc(o, sizeof(Deque));
}
static void dq_clear(Obj *o) { dq_clear_all((Deque *)o); }

static bool dq_grow(Interp *I, Deque *d) {
    if (d->len < d->cap) return true;
    int64_t nc = d->cap ? d->cap * 2 : 8;
    if ((uint64_t)nc > mem_limit_bytes() / sizeof(Value)) { err_nomem(I); return false; }
    Value *n = mem_alloc(sizeof(Value) * (size_t)nc);
    if (!n) { err_nomem(I); return false; }
    for (int64_t i = 0; i < d->len; i++) n[i] = AT(d, i);
    mem_free(d->items, sizeof(Value) * (size_t)d->cap);
    d->items = n;
    d->cap = nc;
    d->head = 0;
    return true;
}

/* Remove and return (new reference) the item at the right or left end; len > 0. */
static Value dq_take(Deque *d, bool left) {
    Value v;
    if (left) {
        v = d->items[d->head];
        d->head = (d->head + 1) % d->cap;
    } else {
        v = AT(d, d->len - 1);
    }
    d->len--;
    d->state++;
    return v;
}

static bool dq_push(Interp *I, Deque *d, Value v, bool left) {
    if (d->maxlen == 0) return true;
    if (d->maxlen > 0 && d->len == d->maxlen) val_decref(dq_take(d, !left));
    if (!dq_grow(I, d)) return false;
    if (left) {
        d->head = (d->head - 1 + d->cap) % d->cap;
        d->items[d->head] = val_incref(v);
    } else {
        AT(d, d->len) = val_incref(v);
    }
    d->len++;
    d->state++;
    return true;
}

static bool dq_extend(Interp *I, Deque *d, Value iterable, bool left) {
    /* d.extend(d) reads a snapshot, as CPython copies a deque extended by itself */
    List *snap = list_from_iter(I, iterable);
    if (!snap) return false;
    bool ok = true;
    for (int64_t i = 0; ok && i < snap->len; i++) ok = dq_push(I, d, snap->items[i], left);
    obj_decref(&snap->h);
    return ok;
}

static Value dq_make(Interp *I, int64_t maxlen) {
    Deque *d = obj_new(I, &deque_class, sizeof(Deque));
    if (!d) return VAL_ERR;
    d->head = d->len = d->cap = 0;
    d->items = NULL;
    d->maxlen = maxlen;
    d->state = 0;
    d->in_repr = false;
    obj_track(I, &d->link);
    return val_obj(d);
}

/* deque(iterable=(), maxlen=None) */
Value dq_construct(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"iterable", "maxlen"};
    Value a[2];
    if (!nat_args(I, "deque", argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    int64_t maxlen = -1;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) {
        if (!IS_INT(a[1]) && !IS_BOOL(a[1])) return err_raise(I, EXC_TypeError, "an integer is required");
        if (!val_as_index(I, a[1], &maxlen)) return VAL_ERR;
        if (maxlen < 0) return err_raise(I, EXC_ValueError, "maxlen must be non-negative");
    }
    Value d = dq_make(I, maxlen);
    if (IS_ERR(d)) return d;
    if (!IS_UNDEF(a[0]) && !dq_extend(I, DQ(d), a[0], false)) { val_decref(d); return VAL_ERR; }
    return d;
}

/* ---- protocol slots ------------------------------------------------------------------- */
static bool dq_repr(Interp *I, StrBuf *sb, Value self) {
    Deque *d = DQ(self);
    if (d->in_repr) { sb_puts(sb, "[...]"); return true; }
    d->in_repr = true;
    sb_puts(sb, "deque([");
    bool ok = true;
    /* a nested repr may mutate the deque: index afresh, re-reading len */
    for (int64_t i = 0; ok && i < d->len; i++) {
        if (i) sb_puts(sb, ", ");
        Value v = val_incref(AT(d, i));
        ok = val_repr(I, sb, v);
        val_decref(v);
    }
    d->in_repr = false;
    if (!ok) return false;
    if (d->maxlen >= 0) sb_printf(sb, "], maxlen=%lld)", (long long)d->maxlen);
    else sb_puts(sb, "])");
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static int64_t dq_len(Interp *I, Value self) { return DQ(self)->len; }

/* an int index into [0, len), negative from the end; false with IndexError/TypeError pending */
static bool dq_index(Interp *I, Deque *d, Value key, int64_t *out) {
    if (!IS_INT(key) && !IS_BOOL(key)) {
        err_raise(I, EXC_TypeError, "sequence index must be integer, not '%s'", val_type_name(key));
        return false;
    }
    int64_t i = IS_INT(key) ? key.as.i : key.as.b;
    if (i < 0) i += d->len;
    if (i < 0 || i >= d->len) { err_raise(I, EXC_IndexError, "deque index out of range"); return false; }
    *out = i;
    return true;
}

static Value dq_getitem(Interp *I, Value self, Value key) {
    int64_t i;
    if (!dq_index(I, DQ(self), key, &i)) return VAL_ERR;
    return val_incref(AT(DQ(self), i));
}

static bool dq_setitem(Interp *I, Value self, Value key, Value v) {
    int64_t i;
    if (!dq_index(I, DQ(self), key, &i)) return false;
    Value old = AT(DQ(self), i);
    AT(DQ(self), i) = val_incref(v);
    val_decref(old);
    return true;
}

static bool dq_delitem(Interp *I, Value self, Value key) {
    Deque *d = DQ(self);
    int64_t i;
    if (!dq_index(I, d, key, &i)) return false;
    Value old = AT(d, i);
    for (int64_t k = i; k + 1 < d->len; k++) AT(d, k) = AT(d, k + 1);
    d->len--;
    d->state++;
    val_decref(old);
    return true;
}

/* The position of the first item == x, or -1 (error pending when *err). */
static int64_t dq_find(Interp *I, Deque *d, Value x, bool *err) {
    *err = false;
    uint64_t st = d->state;
    for (int64_t i = 0; i < d->len; i++) {
        Value v = val_incref(AT(d, i));
        bool eq;
        bool ok = val_eq(I, v, x, &eq);
        val_decref(v);
        if (!ok) { *err = true; return -1; }
        if (d->state != st) { err_raise(I, EXC_RuntimeError, "deque mutated during iteration"); *err = true; return -1; }
        if (eq) return i;
    }
    return -1;
}

static bool dq_contains(Interp *I, Value self, Value item, bool *out) {
    bool err;
    int64_t i = dq_find(I, DQ(self), item, &err);
    *out = i >= 0;
    return !err;
}

static bool dq_eq(Interp *I, Value a, Value b, bool *out) {
    Deque *x = DQ(a), *y = DQ(b);
    *out = false;
    if (x->len != y->len) return true;
    for (int64_t i = 0; i < x->len && i < y->len; i++) {
        Value u = val_incref(AT(x, i)), v = val_incref(AT(y, i));
        bool eq, ok = val_eq(I, u, v, &eq);
        val_decref(u);
        val_decref(v);
        if (!ok) return false;
        if (!eq) return true;
    }
    *out = x->len == y->len;
    return true;
}

static Value dq_getattr(Interp *I, Value self, Str *name) {
    if (strcmp(name->data, "maxlen") == 0) return DQ(self)->maxlen < 0 ? VAL_NONE : val_int(DQ(self)->maxlen);
    return VAL_UNDEF;
}

/* deque + deque: a new deque with the left one's maxlen */
static Value dq_binop(Interp *I, BinOp op, Value a, Value b) {
    if ((op == BIN_EQ || op == BIN_NE) && IS_A(a, deque_class) && IS_A(b, deque_class)) {
        bool eq;
        if (!dq_eq(I, a, b, &eq)) return VAL_ERR;
        return val_bool(eq == (op == BIN_EQ));
    }
    if (op != BIN_ADD || !IS_A(a, deque_class)) return VAL_NOTIMPL;
    if (!IS_A(b, deque_class))
        return err_raise(I, EXC_TypeError, "can only concatenate deque (not \"%s\") to deque", val_type_name(b));
    Value r = dq_make(I, DQ(a)->maxlen);
    if (IS_ERR(r)) return r;
    if (!dq_extend(I, DQ(r), a, false) || !dq_extend(I, DQ(r), b, false)) { val_decref(r); return VAL_ERR; }
    return r;
}

/* ---- iteration ------------------------------------------------------------------------ */
static void dqi_free(Obj *o) {
    obj_decref(&((DequeIter *)o)->d->h);
    obj_dealloc(o, sizeof(DequeIter));
}
static Value dqi_iter(Interp *I, Value self) { return val_incref(self); }
static Value dqi_next(Interp *I, Value self) {
    DequeIter *it = (DequeIter *)AS_OBJ(self);
    Deque *d = it->d;
    if (it->state != d->state) return err_raise(I, EXC_RuntimeError, "deque mutated during iteration");
    if (it->pos >= d->len) return VAL_UNDEF;
    int64_t i = it->rev ? d->len - 1 - it->pos : it->pos;
    it->pos++;
    return val_incref(AT(d, i));
}
static const ObjClass deque_iter_class = {
    .name = "_collections._deque_iterator", .free = dqi_free, .iter = dqi_iter, .next = dqi_next,
};
static Value dq_iter(Interp *I, Value self) {
    DequeIter *it = obj_new(I, &deque_iter_class, sizeof(DequeIter));
    if (!it) return VAL_ERR;
    it->d = DQ(self);
    obj_incref(&it->d->h);
    it->pos = 0;
    it->state = it->d->state;
    it->rev = false;
    return val_obj(it);
}

/* ---- methods -------------------------------------------------------------------------- */
#define SELF DQ(argv[0])
#define ONEARG(fname)                                                                        \
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", fname); \
    if (argc != 2) return err_raise(I, EXC_TypeError, "%s() takes exactly one argument (%d given)", fname, argc - 1)
#define NOARG(fname)                                                                         \
    if ((kw && kw->n) || argc != 1) return err_raise(I, EXC_TypeError, "%s() takes no arguments (%d given)", fname, argc - 1 + (kw ? kw->n : 0))

static Value m_append(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.append");
    return dq_push(I, SELF, argv[1], false) ? VAL_NONE : VAL_ERR;
}
static Value m_appendleft(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.appendleft");
    return dq_push(I, SELF, argv[1], true) ? VAL_NONE : VAL_ERR;
}
static Value m_extend(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.extend");
    return dq_extend(I, SELF, argv[1], false) ? VAL_NONE : VAL_ERR;
}
static Value m_extendleft(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.extendleft");
    return dq_extend(I, SELF, argv[1], true) ? VAL_NONE : VAL_ERR;
}
static Value m_pop(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARG("deque.pop");
    if (SELF->len == 0) return err_raise(I, EXC_IndexError, "pop from an empty deque");
    return dq_take(SELF, false);
}
static Value m_popleft(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARG("deque.popleft");
    if (SELF->len == 0) return err_raise(I, EXC_IndexError, "pop from an empty deque");
    return dq_take(SELF, true);
}
static Value m_clear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARG("deque.clear");
    dq_clear_all(SELF);
    return VAL_NONE;
}
static Value m_copy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARG("deque.copy");
    Value r = dq_make(I, SELF->maxlen);
    if (IS_ERR(r)) return r;
    if (!dq_extend(I, DQ(r), argv[0], false)) { val_decref(r); return VAL_ERR; }
    return r;
}
static Value m_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.count");
    Deque *d = SELF;
    uint64_t st = d->state;
    int64_t n = 0;
    for (int64_t i = 0; i < d->len; i++) {
        Value v = val_incref(AT(d, i));
        bool eq, ok = val_eq(I, v, argv[1], &eq);
        val_decref(v);
        if (!ok) return VAL_ERR;
        if (d->state != st) return err_raise(I, EXC_RuntimeError, "deque mutated during iteration");
        n += eq;
    }
    return val_int(n);
}
static Value m_index(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.index");
    bool err;
    int64_t i = dq_find(I, SELF, argv[1], &err);
    if (err) return VAL_ERR;
    if (i >= 0) return val_int(i);
    StrBuf sb;
    sb_init(&sb);
    bool ok = val_repr(I, &sb, argv[1]);
    if (ok) err_raise(I, EXC_ValueError, "%s is not in deque", sb.data ? sb.data : "");
    sb_free(&sb);
    return VAL_ERR;
}
static Value m_remove(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ONEARG("deque.remove");
    bool err;
    int64_t i = dq_find(I, SELF, argv[1], &err);
    if (err) return VAL_ERR;
    if (i < 0) {
        StrBuf sb;
        sb_init(&sb);
        bool ok = val_repr(I, &sb, argv[1]);
        if (ok) err_raise(I, EXC_ValueError, "%s is not in deque", sb.data ? sb.data : "");
        sb_free(&sb);
        return VAL_ERR;
    }
    return dq_delitem(I, argv[0], val_int(i)) ? VAL_NONE : VAL_ERR;
}
static Value m_reverse(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARG("deque.reverse");
    Deque *d = SELF;
    for (int64_t i = 0, j = d->len - 1; i < j; i++, j--) {
        Value t = AT(d, i);
        AT(d, i) = AT(d, j);
        AT(d, j) = t;
    }
    d->state++;
    return VAL_NONE;
}
static Value m_rotate(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"n"};
    Value a[1];
    if (!nat_args(I, "rotate", argc - 1, argv + 1, kw, 1, names, 0, a)) return VAL_ERR;
    int64_t n = 1;
    if (!IS_UNDEF(a[0]) && !val_as_index(I, a[0], &n)) return VAL_ERR;
    Deque *d = SELF;
    if (d->len < 2) return VAL_NONE;
    n %= d->len;
    if (n < 0) n += d->len;
    /* rotating right by n: the last n items move to the front */
    for (int64_t k = 0; k < n; k++) {
        Value v = dq_take(d, false);
        d->head = (d->head - 1 + d->cap) % d->cap;
        d->items[d->head] = v;
        d->len++;
    }
    d->state++;
    return VAL_NONE;
}

static const MethodDef dq_methods[] = {
    {"append", m_append, "append(x)", "Add x to the right end."},
    {"appendleft", m_appendleft, "appendleft(x)", "Add x to the left end."},
    {"extend", m_extend, "extend(iterable)", "Append the items of iterable on the right."},
    {"extendleft", m_extendleft, "extendleft(iterable)", "Append the items of iterable on the left, one by one (so reversed)."},
    {"pop", m_pop, "pop()", "Remove and return the rightmost item."},
    {"popleft", m_popleft, "popleft()", "Remove and return the leftmost item."},
    {"clear", m_clear, "clear()", "Remove every item."},
    {"copy", m_copy, "copy()", "A shallow copy (same maxlen)."},
    {"count", m_count, "count(x)", "How many items == x."},
    {"index", m_index, "index(x)", "Position of the first item == x (ValueError if none)."},
    {"remove", m_remove, "remove(x)", "Remove the first item == x."},
    {"reverse", m_reverse, "reverse()", "Reverse in place."},
    {"rotate", m_rotate, "rotate(n=1)", "Rotate n steps to the right (negative: to the left)."},
    {NULL, NULL, NULL, NULL},
};

const ObjClass deque_class = {
    .name = "collections.deque",
    .free = dq_free,
    .clear = dq_clear,
    .repr = dq_repr,
    .getattr = dq_getattr,
    .getitem = dq_getitem,
    .setitem = dq_setitem,
    .delitem = dq_delitem,
    .iter = dq_iter,
    .len = dq_len,
    .contains = dq_contains,
    .eq = dq_eq,
    .binop = dq_binop,
    .methods = dq_methods,
};
