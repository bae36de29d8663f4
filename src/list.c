/* list.c — list, tuple, range, slice and cell objects (prefixes list_, tuple_, range_, slice_). */
#include <string.h>
#include "interp.h"
#include "mem.h"

/* ---- slices ------------------------------------------------------------------------- */

Slice *slice_new(Interp *I, Value start, Value stop, Value step) {
    Slice *s = obj_new(I, &slice_class, sizeof(Slice));
    if (!s) return NULL;
    s->start = val_incref(start);
    s->stop = val_incref(stop);
    s->step = val_incref(step);
    return s;
}

static void slice_free(Obj *o) {
    Slice *s = (Slice *)o;
    val_decref(s->start);
    val_decref(s->stop);
    val_decref(s->step);
    obj_dealloc(o, sizeof(Slice));
}

static bool slice_repr(Interp *I, StrBuf *sb, Value self) {
    Slice *s = (Slice *)AS_OBJ(self);
    sb_puts(sb, "slice(");
    if (!val_repr(I, sb, s->start)) return false;
    sb_puts(sb, ", ");
    if (!val_repr(I, sb, s->stop)) return false;
    sb_puts(sb, ", ");
    if (!val_repr(I, sb, s->step)) return false;
    sb_putc(sb, ')');
    return true;
}

static bool slice_part(Interp *I, Value v, int64_t *out, int64_t dflt) {
    if (IS_NONE(v) || IS_UNDEF(v)) { *out = dflt; return true; }
    if (IS_INT(v)) { *out = v.as.i; return true; }
    if (IS_BOOL(v)) { *out = v.as.b; return true; }
    err_raise(I, EXC_TypeError, "slice indices must be integers or None or have an __index__ method");
    return false;
}

bool slice_indices(Interp *I, Slice *s, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *count) {
    int64_t st, a, b;
    if (!slice_part(I, s->step, &st, 1)) return false;
    if (st == 0) { err_raise(I, EXC_ValueError, "slice step cannot be zero"); return false; }
    if (st < -INT64_MAX) st = -INT64_MAX;
    if (!slice_part(I, s->start, &a, st < 0 ? INT64_MAX : 0)) return false;
    if (!slice_part(I, s->stop, &b, st < 0 ? INT64_MIN : INT64_MAX)) return false;
    if (a < 0) { a += len; if (a < 0) a = st < 0 ? -1 : 0; }
    else if (a >= len) a = st < 0 ? len - 1 : len;
    if (b < 0) { b += len; if (b < 0) b = st < 0 ? -1 : 0; }
    else if (b >= len) b = st < 0 ? len - 1 : len;
    int64_t n = 0;
    if (st < 0) { if (b < a) n = (int64_t)(((uint64_t)a - (uint64_t)b - 1) / (uint64_t)(-st)) + 1; }
    else if (a < b) n = (int64_t)(((uint64_t)b - (uint64_t)a - 1) / (uint64_t)st) + 1;
    *start = a;
    *stop = b;
    *step = st;
    *count = n;
    return true;
}

/* ---- cells -------------------------------------------------------------------------- */

Cell *cell_new(Interp *I, Value v) {
    Cell *c = obj_new(I, &cell_class, sizeof(Cell));
    if (!c) return NULL;
    c->v = val_incref(v);
    obj_track(I, &c->link); /* a closure stored where it can see itself is a cycle (gc.c) */
    return c;
}
static void cell_free(Obj *o) {
    obj_untrack(&((Cell *)o)->link);
    val_decref(((Cell *)o)->v);
    obj_dealloc(o, sizeof(Cell));
}
static void cell_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) { visit(((Cell *)o)->v, ctx); }
static void cell_clear(Obj *o) {
    Value v = ((Cell *)o)->v;
    ((Cell *)o)->v = VAL_UNDEF;
    val_decref(v);
}

/* ---- shared sequence helpers ---------------------------------------------------------- */

static bool seq_repr(Interp *I, StrBuf *sb, const Value *items, int64_t n, char open, char close, bool one_comma) {
    sb_putc(sb, open);
    for (int64_t i = 0; i < n; i++) {
        if (i) sb_puts(sb, ", ");
        if ((i & 0xFFF) == 0xFFF && ag_interrupted) { /* Ctrl-C while printing a huge list */
            ag_interrupted = 0;
            err_raise(I, EXC_KeyboardInterrupt, "%s", "");
            return false;
        }
        Value v = val_incref(items[i]);
        bool ok = val_repr(I, sb, v);
        val_decref(v);
        if (!ok) return false;
    }
    if (one_comma && n == 1) sb_putc(sb, ',');
    sb_putc(sb, close);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static bool seq_eq(Interp *I, const Value *a, int64_t na, const Value *b, int64_t nb, bool *out) {
    *out = false;
    if (na != nb) return true;
    for (int64_t i = 0; i < na; i++) {
        bool eq;
        if (!val_eq(I, a[i], b[i], &eq)) return false;
        if (!eq) return true;
    }
    *out = true;
    return true;
}

static bool seq_contains(Interp *I, const Value *items, int64_t n, Value x, bool *out) {
    for (int64_t i = 0; i < n; i++) {
        bool eq;
        if (!val_eq(I, items[i], x, &eq)) return false;
        if (eq) { *out = true; return true; }
    }
    *out = false;
    return true;
}

static bool norm_index(Interp *I, Value key, int64_t len, int64_t *out, const char *what) {
    int64_t i;
    if (IS_INT(key)) i = key.as.i;
    else if (IS_BOOL(key)) i = key.as.b;
    else {
        err_raise(I, EXC_TypeError, "%s indices must be integers or slices, not %s", what, val_type_name(key));
        return false;
    }
    if (i < 0) i += len;
    if (i < 0 || i >= len) {
        err_raise(I, EXC_IndexError, "%s index out of range", what);
        return false;
    }
    *out = i;
    return true;
}

/* Sequence iterator (lists and tuples: re-reads the length each step, as Python does). */
typedef struct SeqIter { Obj h; Obj *seq; int64_t pos; } SeqIter;
static void seqi_free(Obj *o) { obj_decref(((SeqIter *)o)->seq); obj_dealloc(o, sizeof(SeqIter)); }
static Value seqi_next(Interp *I, Value self) {
    SeqIter *it = (SeqIter *)AS_OBJ(self);
    if (!it->seq) return VAL_UNDEF;
    const Value *items;
    int64_t n;
    if (it->seq->cls == &list_class) { items = ((List *)it->seq)->items; n = ((List *)it->seq)->len; }
    else { items = ((Tuple *)it->seq)->items; n = ((Tuple *)it->seq)->len; }
    if (it->pos >= n) return VAL_UNDEF;
    return val_incref(items[it->pos++]);
}
static Value seqi_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass list_iter_class = {
    .name = "list_iterator", .free = seqi_free, .next = seqi_next, .iter = seqi_iter,
};
static const ObjClass tuple_iter_class = {
    .name = "tuple_iterator", .free = seqi_free, .next = seqi_next, .iter = seqi_iter,
};
static const ObjClass list_rev_iter_class = {
    .name = "list_reverseiterator", .free = seqi_free, .next = seqi_next, .iter = seqi_iter,
};
static const ObjClass reversed_iter_class = {
    .name = "reversed", .free = seqi_free, .next = seqi_next, .iter = seqi_iter,
};
/* reversed(): iterate l (already reversed by the caller); named as CPython names it */
Value list_reversed_iter(Interp *I, List *l, bool from_list) {
    SeqIter *it = obj_new(I, from_list ? &list_rev_iter_class : &reversed_iter_class, sizeof(SeqIter));
    if (!it) return VAL_ERR;
    it->seq = (Obj *)l;
    obj_incref(it->seq);
    it->pos = 0;
    return val_obj(it);
}
static Value seq_iter(Interp *I, Value self) {
    SeqIter *it = obj_new(I, IS_A(self, list_class) ? &list_iter_class : &tuple_iter_class, sizeof(SeqIter));
    if (!it) return VAL_ERR;
    it->seq = AS_OBJ(self);
    obj_incref(it->seq);
    it->pos = 0;
    return val_obj(it);
}

/* ---- lists -------------------------------------------------------------------------- */

List *list_new(Interp *I, int64_t cap) {
    List *l = obj_new(I, &list_class, sizeof(List));
    if (!l) return NULL;
    l->len = 0;
    l->cap = 0;
    l->items = NULL;
    if (cap > 0) {
        if ((uint64_t)cap > mem_limit_bytes() / sizeof(Value) ||
            !(l->items = mem_alloc((size_t)cap * sizeof(Value)))) {
            obj_dealloc(&l->h, sizeof(List));
            err_nomem(I);
            return NULL;
        }
        l->cap = cap;
    }
    obj_track(I, &l->link);
    return l;
}

static bool list_reserve(Interp *I, List *l, int64_t need) {
    if (need <= l->cap) return true;
    int64_t ncap = l->cap < 4 ? 4 : l->cap + (l->cap >> 1);
    if (ncap < need) ncap = need;
    if ((uint64_t)ncap > mem_limit_bytes() / sizeof(Value)) { err_nomem(I); return false; }
    Value *p = mem_realloc(l->items, (size_t)l->cap * sizeof(Value), (size_t)ncap * sizeof(Value));
    if (!p) { err_nomem(I); return false; }
    l->items = p;
    l->cap = ncap;
    return true;
}

bool list_append(Interp *I, List *l, Value v) {
    if (l->len == l->cap && !list_reserve(I, l, l->len + 1)) return false;
    l->items[l->len++] = val_incref(v);
    return true;
}

static void list_free(Obj *o) {
    List *l = (List *)o;
    obj_untrack(&l->link);
    for (int64_t i = 0; i < l->len; i++) val_decref(l->items[i]);
    mem_free(l->items, (size_t)l->cap * sizeof(Value));
    obj_dealloc(o, sizeof(List));
}

/* Replace the whole contents (taking ownership of items), releasing the old ones. */
static void list_replace_items(List *l, Value *items, int64_t len, int64_t cap) {
    Value *old = l->items;
    int64_t olen = l->len, ocap = l->cap;
    l->items = items;
    l->len = len;
    l->cap = cap;
    for (int64_t i = 0; i < olen; i++) val_decref(old[i]);
    mem_free(old, (size_t)ocap * sizeof(Value));
}

static bool list_extend_iter(Interp *I, List *l, Value it_src) {
    if (IS_A(it_src, list_class) || IS_A(it_src, tuple_class)) {
        /* snapshot first: l.extend(l) must not loop */
        const Value *src;
        int64_t n;
        if (IS_A(it_src, list_class)) { src = ((List *)AS_OBJ(it_src))->items; n = ((List *)AS_OBJ(it_src))->len; }
        else { src = ((Tuple *)AS_OBJ(it_src))->items; n = ((Tuple *)AS_OBJ(it_src))->len; }
        if (!list_reserve(I, l, l->len + n)) return false;
        for (int64_t i = 0; i < n; i++) l->items[l->len + i] = val_incref(src[i]);
        l->len += n;
        return true;
    }
    Value it = val_iter(I, it_src);
    if (IS_ERR(it)) return false;
    for (;;) {
        Value x = val_next(I, it);
        if (IS_UNDEF(x)) break;
        if (IS_ERR(x)) { val_decref(it); return false; }
        bool ok = list_append(I, l, x);
        val_decref(x);
        if (!ok) { val_decref(it); return false; }
    }
    val_decref(it);
    return true;
}

List *list_from_iter(Interp *I, Value iterable) {
    List *l = list_new(I, 0);
    if (!l) return NULL;
    if (!list_extend_iter(I, l, iterable)) { obj_decref(&l->h); return NULL; }
    return l;
}

static bool list_repr(Interp *I, StrBuf *sb, Value self) {
    List *l = (List *)AS_OBJ(self);
    /* items may be mutated by a nested repr: iterate by index, re-reading len */
    sb_putc(sb, '[');
    for (int64_t i = 0; i < l->len; i++) {
        if (i) sb_puts(sb, ", ");
        if ((i & 0xFFF) == 0xFFF && ag_interrupted) { /* Ctrl-C while printing a huge list */
            ag_interrupted = 0;
            err_raise(I, EXC_KeyboardInterrupt, "%s", "");
            return false;
        }
        Value v = val_incref(l->items[i]);
        bool ok = val_repr(I, sb, v);
        val_decref(v);
        if (!ok) return false;
    }
    sb_putc(sb, ']');
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static Value list_getitem(Interp *I, Value self, Value key) {
    List *l = (List *)AS_OBJ(self);
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, n;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), l->len, &start, &stop, &step, &n)) return VAL_ERR;
        List *r = list_new(I, n);
        if (!r) return VAL_ERR;
        for (int64_t k = 0, i = start; k < n; k++, i += step) r->items[k] = val_incref(l->items[i]);
        r->len = n;
        return val_obj(r);
    }
    int64_t i;
    if (!norm_index(I, key, l->len, &i, "list")) return VAL_ERR;
    return val_incref(l->items[i]);
}

static bool list_setitem(Interp *I, Value self, Value key, Value v) {
    List *l = (List *)AS_OBJ(self);
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, n;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), l->len, &start, &stop, &step, &n)) return false;
        List *src = list_from_iter(I, v); /* a copy: also makes a[:] = a safe */
        if (!src) {
            if (err_is(I, EXC_TypeError) && !IS_OBJ(v)) {
                err_clear(I);
                err_raise(I, EXC_TypeError, "can only assign an iterable");
            }
            return false;
        }
        bool ok = true;
        if (step == 1) {
            int64_t newlen = l->len - n + src->len;
            Value *items = mem_alloc((size_t)(newlen ? newlen : 1) * sizeof(Value));
            if (!items) { obj_decref(&src->h); err_nomem(I); return false; }
            int64_t k = 0;
            for (int64_t i = 0; i < start; i++) items[k++] = val_incref(l->items[i]);
            for (int64_t i = 0; i < src->len; i++) items[k++] = val_incref(src->items[i]);
            for (int64_t i = start + n; i < l->len; i++) items[k++] = val_incref(l->items[i]);
            list_replace_items(l, items, newlen, newlen ? newlen : 1);
        } else if (src->len != n) {
            err_raise(I, EXC_ValueError, "attempt to assign sequence of size %lld to extended slice of size %lld",
                      (long long)src->len, (long long)n);
            ok = false;
        } else {
            for (int64_t k = 0, i = start; k < n; k++, i += step) {
                Value old = l->items[i];
                l->items[i] = val_incref(src->items[k]);
                val_decref(old);
            }
        }
        obj_decref(&src->h);
        return ok;
    }
    int64_t i;
    if (!IS_INT(key) && !IS_BOOL(key)) {
        err_raise(I, EXC_TypeError, "list indices must be integers or slices, not %s", val_type_name(key));
        return false;
    }
    i = IS_INT(key) ? key.as.i : key.as.b;
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) { err_raise(I, EXC_IndexError, "list assignment index out of range"); return false; }
    Value old = l->items[i];
    l->items[i] = val_incref(v);
    val_decref(old);
    return true;
}

static bool list_delitem(Interp *I, Value self, Value key) {
    List *l = (List *)AS_OBJ(self);
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, n;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), l->len, &start, &stop, &step, &n)) return false;
        if (n == 0) return true;
        if (step < 0) { start = start + (n - 1) * step; step = -step; }
        Value *items = mem_alloc((size_t)(l->len - n ? l->len - n : 1) * sizeof(Value));
        if (!items) { err_nomem(I); return false; }
        int64_t k = 0, next = start, taken = 0;
        for (int64_t i = 0; i < l->len; i++) {
            if (taken < n && i == next) { taken++; next += step; continue; }
            items[k++] = val_incref(l->items[i]);
        }
        list_replace_items(l, items, k, k ? k : 1);
        return true;
    }
    int64_t i;
    if (!IS_INT(key) && !IS_BOOL(key)) {
        err_raise(I, EXC_TypeError, "list indices must be integers or slices, not %s", val_type_name(key));
        return false;
    }
    i = IS_INT(key) ? key.as.i : key.as.b;
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) { err_raise(I, EXC_IndexError, "list assignment index out of range"); return false; }
    Value old = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(Value));
    l->len--;
    val_decref(old);
    return true;
}

static int64_t list_len(Interp *I, Value self) { return ((List *)AS_OBJ(self))->len; }

static bool list_contains(Interp *I, Value self, Value x, bool *out) {
    List *l = (List *)AS_OBJ(self);
    return seq_contains(I, l->items, l->len, x, out);
}

static bool list_eq(Interp *I, Value a, Value b, bool *out) {
    List *x = (List *)AS_OBJ(a), *y = (List *)AS_OBJ(b);
    return seq_eq(I, x->items, x->len, y->items, y->len, out);
}

static bool list_repeat_inplace(Interp *I, List *l, int64_t n) {
    if (n <= 0) { list_replace_items(l, NULL, 0, 0); return true; }
    int64_t total;
    if (__builtin_mul_overflow(l->len, n, &total)) { err_nomem(I); return false; }
    if (!list_reserve(I, l, total)) return false;
    int64_t len = l->len;
    for (int64_t k = 1; k < n; k++)
        for (int64_t i = 0; i < len; i++) l->items[k * len + i] = val_incref(l->items[i]);
    l->len = total;
    return true;
}

/* l += iterable extends in place; l *= n repeats in place. */
static Value list_ibinop(Interp *I, BinOp op, Value self, Value other) {
    List *l = (List *)AS_OBJ(self);
    if (op == BIN_ADD) {
        if (!list_extend_iter(I, l, other)) return VAL_ERR;
        return val_incref(self);
    }
    if (op == BIN_MUL && (IS_INT(other) || IS_BOOL(other))) {
        if (!list_repeat_inplace(I, l, IS_INT(other) ? other.as.i : other.as.b)) return VAL_ERR;
        return val_incref(self);
    }
    return VAL_NOTIMPL;
}

/* ---- sorting ------------------------------------------------------------------------ */

typedef struct SortItem { Value key, val; } SortItem;

/* *lt = a < b; false on error. Fast paths for numbers and strings. */
static bool sort_lt(Interp *I, Value a, Value b, bool *lt) {
    if (IS_INT(a) && IS_INT(b)) { *lt = a.as.i < b.as.i; return true; }
    if (IS_FLOAT(a) && IS_FLOAT(b)) { *lt = a.as.f < b.as.f; return true; }
    if (IS_A(a, str_class) && IS_A(b, str_class)) {
        Str *x = (Str *)AS_OBJ(a), *y = (Str *)AS_OBJ(b);
        int64_t n = x->len < y->len ? x->len : y->len;
        int c = memcmp(x->data, y->data, (size_t)n);
        *lt = c < 0 || (c == 0 && x->len < y->len);
        return true;
    }
    Value r = val_binop(I, BIN_LT, a, b);
    if (IS_ERR(r)) return false;
    int t = val_truth(I, r);
    val_decref(r);
    if (t < 0) return false;
    *lt = t;
    return true;
}

static bool merge_sort(Interp *I, SortItem *a, SortItem *tmp, int64_t n, bool reverse) {
    if (n < 2) return true;
    if (n <= 8) { /* insertion sort: stable */
        for (int64_t i = 1; i < n; i++) {
            SortItem x = a[i];
            int64_t j = i;
            while (j > 0) {
                bool lt;
                if (!(reverse ? sort_lt(I, a[j - 1].key, x.key, &lt) : sort_lt(I, x.key, a[j - 1].key, &lt))) {
                    a[j] = x;
                    return false;
                }
                if (!lt) break;
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return true;
    }
    int64_t m = n / 2;
    if (!merge_sort(I, a, tmp, m, reverse) || !merge_sort(I, a + m, tmp, n - m, reverse)) return false;
    memcpy(tmp, a, (size_t)m * sizeof(SortItem));
    int64_t i = 0, j = m, k = 0;
    while (i < m && j < n) {
        bool lt; /* take the right one only if strictly before the left one */
        if (!(reverse ? sort_lt(I, tmp[i].key, a[j].key, &lt) : sort_lt(I, a[j].key, tmp[i].key, &lt))) {
            while (i < m) a[k++] = tmp[i++]; /* keep every item exactly once */
            while (j < n) a[k++] = a[j++];
            return false;
        }
        if (lt) a[k++] = a[j++];
        else a[k++] = tmp[i++];
    }
    while (i < m) a[k++] = tmp[i++];
    return true;
}

bool list_sort(Interp *I, List *l, Value key, bool reverse) {
    bool has_key = !IS_UNDEF(key) && !IS_NONE(key);
    /* take the items out, as CPython does, so the list looks empty while sorting */
    Value *items = l->items;
    int64_t n = l->len, cap = l->cap;
    l->items = NULL;
    l->len = l->cap = 0;
    bool ok = true;
    SortItem *si = n ? mem_alloc((size_t)n * sizeof(SortItem)) : NULL;
    SortItem *tmp = n ? mem_alloc((size_t)(n / 2 + 1) * sizeof(SortItem)) : NULL;
    int64_t nkeys = 0;
    if (n && (!si || !tmp)) { err_nomem(I); ok = false; goto done; }
    for (int64_t i = 0; i < n; i++) {
        si[i].val = items[i];
        if (has_key) {
            si[i].key = val_call(I, key, 1, &items[i], NULL);
            if (IS_ERR(si[i].key)) { ok = false; goto done; }
            nkeys++;
        } else
            si[i].key = items[i];
    }
    ok = merge_sort(I, si, tmp, n, reverse);
    for (int64_t i = 0; i < n; i++) items[i] = si[i].val;
done:
    if (has_key)
        for (int64_t i = 0; i < nkeys; i++) val_decref(si[i].key);
    mem_free(si, (size_t)n * sizeof(SortItem));
    mem_free(tmp, (size_t)(n / 2 + 1) * sizeof(SortItem));
    if (l->items || l->len) {
        if (ok) { err_raise(I, EXC_ValueError, "list modified during sort"); ok = false; }
    }
    list_replace_items(l, items, n, cap);
    return ok;
}

/* ---- list methods --------------------------------------------------------------------- */

#define LSELF ((List *)AS_OBJ(argv[0]))
#define ARGS(fname, np, nreq, ...)                                                              \
    static const char *const names_[] = {__VA_ARGS__};                                          \
    Value a[np];                                                                                \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, np, names_, nreq, a)) return VAL_ERR
#define NOARGS(fname) \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR

static Value lm_append(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("append", 1, 1, "object");
    return list_append(I, LSELF, a[0]) ? VAL_NONE : VAL_ERR;
}

static Value lm_extend(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("extend", 1, 1, "iterable");
    return list_extend_iter(I, LSELF, a[0]) ? VAL_NONE : VAL_ERR;
}

static Value lm_insert(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("insert", 2, 2, "index", "object");
    List *l = LSELF;
    int64_t i;
    if (!val_as_index(I, a[0], &i)) return VAL_ERR;
    if (i < 0) { i += l->len; if (i < 0) i = 0; }
    if (i > l->len) i = l->len;
    if (!list_reserve(I, l, l->len + 1)) return VAL_ERR;
    memmove(l->items + i + 1, l->items + i, (size_t)(l->len - i) * sizeof(Value));
    l->items[i] = val_incref(a[1]);
    l->len++;
    return VAL_NONE;
}

static Value lm_pop(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("pop", 1, 0, "index");
    List *l = LSELF;
    int64_t i = -1;
    if (!IS_UNDEF(a[0]) && !val_as_index(I, a[0], &i)) return VAL_ERR;
    if (l->len == 0) return err_raise(I, EXC_IndexError, "pop from empty list");
    if (i < 0) i += l->len;
    if (i < 0 || i >= l->len) return err_raise(I, EXC_IndexError, "pop index out of range");
    Value v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(Value));
    l->len--;
    return v;
}

static Value lm_remove(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("remove", 1, 1, "value");
    List *l = LSELF;
    for (int64_t i = 0; i < l->len; i++) {
        bool eq;
        if (!val_eq(I, l->items[i], a[0], &eq)) return VAL_ERR;
        if (eq) {
            if (i >= l->len) break;
            Value old = l->items[i];
            memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(Value));
            l->len--;
            val_decref(old);
            return VAL_NONE;
        }
    }
    return err_raise(I, EXC_ValueError, "list.remove(x): x not in list");
}

static Value seq_index(Interp *I, int argc, const Value *argv, const KwArgs *kw, const Value *items, int64_t n,
                       const char *what) {
    ARGS("index", 3, 1, "value", "start", "stop");
    int64_t st = 0, en = n;
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &st)) return VAL_ERR;
    if (!IS_UNDEF(a[2]) && !val_as_index(I, a[2], &en)) return VAL_ERR;
    if (st < 0) { st += n; if (st < 0) st = 0; }
    if (en < 0) { en += n; if (en < 0) en = 0; }
    for (int64_t i = st; i < en && i < n; i++) {
        bool eq;
        if (!val_eq(I, items[i], a[0], &eq)) return VAL_ERR;
        if (eq) return val_int(i);
    }
    if (what[0] == 'l') {
        StrBuf sb;
        sb_init(&sb);
        if (!val_repr(I, &sb, a[0])) { sb_free(&sb); return VAL_ERR; }
        if (sb.oom) { sb_free(&sb); return err_nomem(I); }
        err_raise(I, EXC_ValueError, "%s is not in list", sb.data);
        sb_free(&sb);
        return VAL_ERR;
    }
    return err_raise(I, EXC_ValueError, "tuple.index(x): x not in tuple");
}

static Value seq_count(Interp *I, int argc, const Value *argv, const KwArgs *kw, const Value *items, int64_t n) {
    ARGS("count", 1, 1, "value");
    int64_t c = 0;
    for (int64_t i = 0; i < n; i++) {
        bool eq;
        if (!val_eq(I, items[i], a[0], &eq)) return VAL_ERR;
        c += eq;
    }
    return val_int(c);
}

static Value lm_index(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return seq_index(I, argc, argv, kw, LSELF->items, LSELF->len, "list");
}
static Value lm_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return seq_count(I, argc, argv, kw, LSELF->items, LSELF->len);
}

static Value lm_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 1) return err_raise(I, EXC_TypeError, "sort() takes no positional arguments");
    ARGS("sort", 2, 0, "key", "reverse");
    int64_t rev = 0;
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &rev)) return VAL_ERR; /* CPython: an int, not any truthy */
    return list_sort(I, LSELF, a[0], rev != 0) ? VAL_NONE : VAL_ERR;
}

static Value lm_reverse(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("list.reverse");
    List *l = LSELF;
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return VAL_NONE;
}

static Value lm_copy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("list.copy");
    List *r = list_from_iter(I, argv[0]);
    return r ? val_obj(r) : VAL_ERR;
}

static Value lm_clear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    NOARGS("list.clear");
    list_replace_items(LSELF, NULL, 0, 0);
    return VAL_NONE;
}

static const MethodDef list_methods[] = {
    {"append", lm_append, "append(x)", "Add x to the end of the list."},
    {"extend", lm_extend, "extend(iterable)", "Add every item of iterable to the end of the list."},
    {"insert", lm_insert, "insert(i, x)", "Insert x before index i."},
    {"pop", lm_pop, "pop(i=-1)", "Remove and return the item at index i (default: the last)."},
    {"remove", lm_remove, "remove(x)", "Remove the first item equal to x (ValueError if none)."},
    {"index", lm_index, "index(x, start=0, stop=len)", "Return the index of the first item equal to x."},
    {"count", lm_count, "count(x)", "Return the number of items equal to x."},
    {"sort", lm_sort, "sort(key=None, reverse=False)", "Sort the list in place (stable), by key(item) if given."},
    {"reverse", lm_reverse, "reverse()", "Reverse the list in place."},
    {"copy", lm_copy, "copy()", "Return a shallow copy of the list."},
    {"clear", lm_clear, "clear()", "Remove every item."},
    {NULL, NULL, NULL, NULL},
};

static void list_clear(Obj *o) { list_replace_items((List *)o, NULL, 0, 0); }
static void list_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) {
    List *l = (List *)o;
    for (int64_t i = 0; i < l->len; i++) visit(l->items[i], ctx);
}

const ObjClass list_class = {
    .name = "list",
    .free = list_free,
    .clear = list_clear,
    .traverse = list_traverse,
    .repr = list_repr,
    .ibinop = list_ibinop,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .delitem = list_delitem,
    .iter = seq_iter,
    .len = list_len,
    .contains = list_contains,
    .eq = list_eq,
    .methods = list_methods,
};

/* ---- tuples ------------------------------------------------------------------------- */

Tuple *tuple_new(Interp *I, int64_t len) {
    if (len < 0 || (uint64_t)len > mem_limit_bytes() / sizeof(Value)) { err_nomem(I); return NULL; }
    Tuple *t = obj_new(I, &tuple_class, sizeof(Tuple) + (size_t)len * sizeof(Value));
    if (!t) return NULL;
    t->len = len;
    for (int64_t i = 0; i < len; i++) t->items[i] = VAL_NONE;
    return t;
}

Value val_tuple2(Interp *I, Value a, Value b) {
    Tuple *t = tuple_new(I, 2);
    if (!t) return VAL_ERR;
    t->items[0] = val_incref(a);
    t->items[1] = val_incref(b);
    return val_obj(t);
}

Tuple *tuple_from_iter(Interp *I, Value iterable) {
    if (IS_A(iterable, tuple_class)) { obj_incref(AS_OBJ(iterable)); return (Tuple *)AS_OBJ(iterable); }
    List *l = list_from_iter(I, iterable);
    if (!l) return NULL;
    Tuple *t = tuple_new(I, l->len);
    if (t) {
        if (l->len) memcpy(t->items, l->items, (size_t)l->len * sizeof(Value)); /* move the references */
        l->len = 0;
    }
    obj_decref(&l->h);
    return t;
}

static void tuple_free(Obj *o) {
    Tuple *t = (Tuple *)o;
    for (int64_t i = 0; i < t->len; i++) val_decref(t->items[i]);
    obj_dealloc(o, sizeof(Tuple) + (size_t)t->len * sizeof(Value));
}

static bool tuple_repr(Interp *I, StrBuf *sb, Value self) {
    Tuple *t = (Tuple *)AS_OBJ(self);
    return seq_repr(I, sb, t->items, t->len, '(', ')', true);
}

static Value tuple_getitem(Interp *I, Value self, Value key) {
    Tuple *t = (Tuple *)AS_OBJ(self);
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, n;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), t->len, &start, &stop, &step, &n)) return VAL_ERR;
        if (n == t->len && step == 1) return val_incref(self);
        Tuple *r = tuple_new(I, n);
        if (!r) return VAL_ERR;
        for (int64_t k = 0, i = start; k < n; k++, i += step) r->items[k] = val_incref(t->items[i]);
        return val_obj(r);
    }
    int64_t i;
    if (!norm_index(I, key, t->len, &i, "tuple")) return VAL_ERR;
    return val_incref(t->items[i]);
}

static int64_t tuple_len(Interp *I, Value self) { return ((Tuple *)AS_OBJ(self))->len; }

static bool tuple_contains(Interp *I, Value self, Value x, bool *out) {
    Tuple *t = (Tuple *)AS_OBJ(self);
    return seq_contains(I, t->items, t->len, x, out);
}

static bool tuple_eq(Interp *I, Value a, Value b, bool *out) {
    Tuple *x = (Tuple *)AS_OBJ(a), *y = (Tuple *)AS_OBJ(b);
    return seq_eq(I, x->items, x->len, y->items, y->len, out);
}

static bool tuple_hash(Interp *I, Value self, uint64_t *out) {
    Tuple *t = (Tuple *)AS_OBJ(self);
    /* CPython's xxHash-style tuple hash */
    uint64_t acc = 2870177450012600261ULL;
    for (int64_t i = 0; i < t->len; i++) {
        uint64_t h;
        if (!val_hash(I, t->items[i], &h)) return false;
        acc += h * 14029467366897019727ULL;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ULL;
    }
    acc += (uint64_t)t->len ^ (2870177450012600261ULL ^ 3527539UL);
    if (acc == (uint64_t)-1) acc = 1546275796;
    *out = acc;
    return true;
}

static Value tm_index(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Tuple *t = (Tuple *)AS_OBJ(argv[0]);
    return seq_index(I, argc, argv, kw, t->items, t->len, "tuple");
}
static Value tm_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Tuple *t = (Tuple *)AS_OBJ(argv[0]);
    return seq_count(I, argc, argv, kw, t->items, t->len);
}

static const MethodDef tuple_methods[] = {
    {"index", tm_index, "index(x, start=0, stop=len)", "Return the index of the first item equal to x."},
    {"count", tm_count, "count(x)", "Return the number of items equal to x."},
    {NULL, NULL, NULL, NULL},
};

const ObjClass tuple_class = {
    .name = "tuple",
    .free = tuple_free,
    .repr = tuple_repr,
    .getitem = tuple_getitem,
    .iter = seq_iter,
    .len = tuple_len,
    .contains = tuple_contains,
    .eq = tuple_eq,
    .hash = tuple_hash,
    .methods = tuple_methods,
};

/* ---- ranges ------------------------------------------------------------------------- */

/* The true length, which may exceed INT64_MAX (range(-2**63, 2**63-1)). */
static uint64_t range_ulen(int64_t start, int64_t stop, int64_t step) {
    if (step > 0 && start < stop) return ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
    if (step < 0 && start > stop) return ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
    return 0;
}

int64_t range_len(int64_t start, int64_t stop, int64_t step) {
    uint64_t n = range_ulen(start, stop, step);
    return n > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)n;
}

Range *range_new(Interp *I, int64_t start, int64_t stop, int64_t step) {
    Range *r = obj_new(I, &range_class, sizeof(Range));
    if (!r) return NULL;
    r->start = start;
    r->stop = stop;
    r->step = step;
    return r;
}

static void range_free(Obj *o) { obj_dealloc(o, sizeof(Range)); }

static bool range_repr(Interp *I, StrBuf *sb, Value self) {
    Range *r = (Range *)AS_OBJ(self);
    if (r->step == 1) sb_printf(sb, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    else sb_printf(sb, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static int64_t range_len_slot(Interp *I, Value self) {
    Range *r = (Range *)AS_OBJ(self);
    uint64_t n = range_ulen(r->start, r->stop, r->step);
    if (n > (uint64_t)INT64_MAX) {
        err_raise(I, EXC_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (int64_t)n;
}

static Value range_getitem(Interp *I, Value self, Value key) {
    Range *r = (Range *)AS_OBJ(self);
    int64_t len = range_len(r->start, r->stop, r->step);
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, n;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), len, &start, &stop, &step, &n)) return VAL_ERR;
        int64_t nstep, a, b;
        if (__builtin_mul_overflow(r->step, step, &nstep) ||
            __builtin_mul_overflow(start, r->step, &a) || __builtin_add_overflow(a, r->start, &a) ||
            __builtin_mul_overflow(stop, r->step, &b) || __builtin_add_overflow(b, r->start, &b))
            return err_raise(I, EXC_OverflowError, "integer overflow");
        Range *nr = range_new(I, a, b, nstep);
        return nr ? val_obj(nr) : VAL_ERR;
    }
    int64_t i;
    if (IS_INT(key)) i = key.as.i;
    else if (IS_BOOL(key)) i = key.as.b;
    else return err_raise(I, EXC_TypeError, "range indices must be integers or slices, not %s", val_type_name(key));
    uint64_t ulen = range_ulen(r->start, r->stop, r->step), ui;
    if (i < 0) {
        if ((uint64_t)0 - (uint64_t)i > ulen) return err_raise(I, EXC_IndexError, "range object index out of range");
        ui = ulen - ((uint64_t)0 - (uint64_t)i);
    } else {
        if ((uint64_t)i >= ulen) return err_raise(I, EXC_IndexError, "range object index out of range");
        ui = (uint64_t)i;
    }
    return val_int((int64_t)((uint64_t)r->start + ui * (uint64_t)r->step));
}

static bool range_has(const Range *r, int64_t x) {
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return false;
    uint64_t d = r->step > 0 ? (uint64_t)x - (uint64_t)r->start : (uint64_t)r->start - (uint64_t)x;
    uint64_t s = r->step > 0 ? (uint64_t)r->step : 0 - (uint64_t)r->step;
    return d % s == 0;
}

static bool range_contains(Interp *I, Value self, Value x, bool *out) {
    Range *r = (Range *)AS_OBJ(self);
    if (IS_INT(x) || IS_BOOL(x)) { *out = range_has(r, IS_INT(x) ? x.as.i : x.as.b); return true; }
    if (IS_FLOAT(x)) {
        double f = x.as.f;
        *out = f == f && f >= -9223372036854775808.0 && f < 9223372036854775808.0 && f == (double)(int64_t)f &&
               range_has(r, (int64_t)f);
        return true;
    }
    *out = false;
    return true;
}

static bool range_eq(Interp *I, Value a, Value b, bool *out) {
    Range *x = (Range *)AS_OBJ(a), *y = (Range *)AS_OBJ(b);
    int64_t lx = range_len(x->start, x->stop, x->step), ly = range_len(y->start, y->stop, y->step);
    *out = lx == ly && (lx == 0 || (x->start == y->start && (lx == 1 || x->step == y->step)));
    return true;
}

static bool range_hash(Interp *I, Value self, uint64_t *out) {
    Range *r = (Range *)AS_OBJ(self);
    int64_t n = range_len(r->start, r->stop, r->step);
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL;
    if (n > 0) h ^= (uint64_t)r->start * 0xC2B2AE3D27D4EB4FULL;
    if (n > 1) h ^= (uint64_t)r->step * 0x165667B19E3779F9ULL;
    *out = h;
    return true;
}

typedef struct RangeIter { Obj h; int64_t cur, step, left; } RangeIter;
static void rangei_free(Obj *o) { obj_dealloc(o, sizeof(RangeIter)); }
static Value rangei_next(Interp *I, Value self) {
    RangeIter *it = (RangeIter *)AS_OBJ(self);
    if (it->left <= 0) return VAL_UNDEF;
    int64_t v = it->cur;
    it->left--;
    if (it->left) it->cur = (int64_t)((uint64_t)it->cur + (uint64_t)it->step);
    return val_int(v);
}
static Value rangei_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass range_iter_class = {
    .name = "range_iterator", .free = rangei_free, .next = rangei_next, .iter = rangei_iter,
};
static Value range_iter(Interp *I, Value self) {
    Range *r = (Range *)AS_OBJ(self);
    RangeIter *it = obj_new(I, &range_iter_class, sizeof(RangeIter));
    if (!it) return VAL_ERR;
    it->cur = r->start;
    it->step = r->step;
    it->left = range_len(r->start, r->stop, r->step); /* capped at INT64_MAX: never reached */
    return val_obj(it);
}

static Value rm_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("count", 1, 1, "value");
    bool in;
    if (!range_contains(I, argv[0], a[0], &in)) return VAL_ERR;
    return val_int(in);
}

static Value rm_index(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("index", 1, 1, "value");
    Range *r = (Range *)AS_OBJ(argv[0]);
    bool in;
    if (!range_contains(I, argv[0], a[0], &in)) return VAL_ERR;
    if (!in) {
        StrBuf sb;
        sb_init(&sb);
        if (!val_repr(I, &sb, a[0])) { sb_free(&sb); return VAL_ERR; }
        if (sb.oom) { sb_free(&sb); return err_nomem(I); }
        err_raise(I, EXC_ValueError, "%s is not in range", sb.data);
        sb_free(&sb);
        return VAL_ERR;
    }
    int64_t x = IS_FLOAT(a[0]) ? (int64_t)a[0].as.f : IS_INT(a[0]) ? a[0].as.i : a[0].as.b;
    uint64_t d = r->step > 0 ? (uint64_t)x - (uint64_t)r->start : (uint64_t)r->start - (uint64_t)x;
    uint64_t s = r->step > 0 ? (uint64_t)r->step : 0 - (uint64_t)r->step;
    return val_int((int64_t)(d / s));
}

static const MethodDef range_methods[] = {
    {"count", rm_count, "count(x)", "Return 1 if x is in the range, else 0."},
    {"index", rm_index, "index(x)", "Return the position of x in the range (ValueError if absent)."},
    {NULL, NULL, NULL, NULL},
};

static Value range_getattr(Interp *I, Value self, Str *name) {
    Range *r = (Range *)AS_OBJ(self);
    if (!strcmp(name->data, "start")) return val_int(r->start);
    if (!strcmp(name->data, "stop")) return val_int(r->stop);
    if (!strcmp(name->data, "step")) return val_int(r->step);
    return VAL_UNDEF;
}

const ObjClass range_class = {
    .name = "range",
    .free = range_free,
    .repr = range_repr,
    .getattr = range_getattr,
    .getitem = range_getitem,
    .iter = range_iter,
    .len = range_len_slot,
    .contains = range_contains,
    .eq = range_eq,
    .hash = range_hash,
    .methods = range_methods,
};

static void ellipsis_free(Obj *o) { o->rc = 1u << 30; } /* static: never freed */
static bool ellipsis_repr(Interp *I, StrBuf *sb, Value self) { (void)I; (void)self; sb_puts(sb, "Ellipsis"); return true; }
const ObjClass ellipsis_class = {.name = "ellipsis", .free = ellipsis_free, .repr = ellipsis_repr};
static Obj ellipsis_obj = {&ellipsis_class, 1u << 30};
Value ellipsis_value(void) { ellipsis_obj.rc++; return val_obj(&ellipsis_obj); }

static Value slice_getattr(Interp *I, Value self, Str *name) {
    Slice *s = (Slice *)AS_OBJ(self);
    if (!strcmp(name->data, "start")) return val_incref(s->start);
    if (!strcmp(name->data, "stop")) return val_incref(s->stop);
    if (!strcmp(name->data, "step")) return val_incref(s->step);
    return VAL_UNDEF;
}

const ObjClass slice_class = {
    .name = "slice",
    .free = slice_free,
    .repr = slice_repr,
    .getattr = slice_getattr,
};

const ObjClass cell_class = {
    .name = "cell",
    .free = cell_free,
    .traverse = cell_traverse,
    .clear = cell_clear,
};
