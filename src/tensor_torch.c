/* tensor_torch.c — the torch-only tensor functions and methods beyond the core ops of
 * tensor.c (prefix ttorch_): where, masked_fill, gather, cumsum/cumprod, prod, flip, repeat,
 * sort/argsort/topk, split/chunk, isclose/allclose, div's rounding modes and fmod, in-place
 * unary methods, normal, randperm and the Generator that manual_seed returns.
 *
 * Beginner tensors are small, so the loops here walk logical indices (tensor_get/tensor_set)
 * rather than strided pointers; the differentiable ones record a tape node whose backward
 * rule is in grad.c (ops.def rows WHERE, MASKEDFILL, GATHER, CUMSUM, PROD, PRODDIM, FLIP,
 * REPEAT, SORT, TOPK, SPLIT). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

#define TDEC(t) do { if (t) val_decref(val_obj(t)); } while (0)
#define SELF AS_TENSOR(argv[0])
#define ARGS(fname, N, REQ, ...)                                                      \
    static const char *const names_[] = {__VA_ARGS__};                                \
    Value a[N];                                                                        \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, N, names_, REQ, a)) return VAL_ERR
#define FARGS(fname, N, REQ, ...)                                                     \
    static const char *const names_[] = {__VA_ARGS__};                                \
    Value a[N];                                                                        \
    if (!nat_args(I, fname, argc, argv, kw, N, names_, REQ, a)) return VAL_ERR

static const char *const torch_word[DT__COUNT] = {"Bool", "Long", "Float", "Double"};

static bool given(Value v) { return !IS_UNDEF(v) && !IS_NONE(v); }
static double num(Value v) { return IS_FLOAT(v) ? v.as.f : IS_INT(v) ? (double)v.as.i : IS_BOOL(v) ? v.as.b : 0; }

static bool want_tensor(Interp *I, const char *fname, const char *arg, int pos, Value v) {
    if (IS_TENSOR(v)) return true;
    err_raise(I, EXC_TypeError, "%s(): argument '%s' (position %d) must be Tensor, not %s", fname, arg, pos, val_type_name(v));
    return false;
}

static bool norm_dim(Interp *I, const Tensor *t, int64_t d, int *out) {
    int nd = t->ndim ? t->ndim : 1;
    if (d < -nd || d >= nd) {
        err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got %lld)", -nd, nd - 1, (long long)d);
        return false;
    }
    *out = (int)(d < 0 ? d + nd : d);
    return true;
}
static bool dim_arg(Interp *I, const Tensor *t, Value v, int dflt, int *out) {
    if (!given(v)) { *out = dflt; return true; }
    int64_t d;
    return val_as_index(I, v, &d) && norm_dim(I, t, d, out);
}

/* A tensor's elements seen as outer x len x inner around dim (a 0-d tensor is one lane of 1). */
typedef struct { int64_t outer, len, inner; } Lanes;
static Lanes lanes(const Tensor *t, int dim) {
    Lanes l = {1, 1, 1};
    if (t->ndim == 0) return l;
    for (int d = 0; d < dim; d++) l.outer *= t->shape[d];
    l.len = t->shape[dim];
    for (int d = dim + 1; d < t->ndim; d++) l.inner *= t->shape[d];
    return l;
}
#define LANE_AT(l, o, k, i) (((o) * (l).len + (k)) * (l).inner + (i))

static bool float_tracked(Tensor *a) {
    Tensor *in[1] = {a};
    return dtype_is_float(a->dtype) && tape_should_record(1, in);
}

/* Record a one-input op on out; save (optional) and integer params. */
static bool record1(Interp *I, OpKind op, Tensor *a, Tensor *out, Tensor *save, int64_t ip0, int64_t ip1) {
    if (!float_tracked(a)) return true;
    Tensor *in[1] = {a};
    TapeNode *n = tape_record(I, op, out, 1, in);
    if (!n) return false;
    n->ip[0] = ip0;
    n->ip[1] = ip1;
    return !save || tape_save(I, n, 0, save);
}

/* ---- where / masked_fill ------------------------------------------------------------ */
static bool bshape3(Interp *I, Tensor *const *ts, int *nd, int64_t *sh) {
    int n = 0;
    for (int k = 0; k < 3; k++) if (ts[k]->ndim > n) n = ts[k]->ndim;
    for (int d = 0; d < n; d++) {
        int64_t s = 1;
        for (int k = 0; k < 3; k++) {
            int dd = d - (n - ts[k]->ndim);
            if (dd < 0) continue;
            int64_t v = ts[k]->shape[dd];
            if (v == 1) continue;
            if (s != 1 && s != v) {
                err_raise(I, EXC_RuntimeError, "The size of tensor a (%lld) must match the size of tensor b (%lld) at non-singleton dimension %d",
                          (long long)s, (long long)v, d);
                return false;
            }
            s = v;
        }
        sh[d] = s;
    }
    *nd = n;
    return true;
}

/* A where() operand: a tensor, or a Python number as a 0-d tensor of its default dtype. */
static Tensor *where_operand(Interp *I, Value v, int pos) {
    if (IS_TENSOR(v)) { obj_incref(&AS_TENSOR(v)->h); return AS_TENSOR(v); }
    if (IS_NUM(v)) return tensor_scalar(I, IS_FLOAT(v) ? DT_FLOAT32 : IS_BOOL(v) ? DT_BOOL : DT_INT64, FLAVOR_TORCH, num(v));
    err_raise(I, EXC_TypeError, "where(): argument '%s' (position %d) must be Tensor, not %s", pos == 2 ? "input" : "other", pos, val_type_name(v));
    return NULL;
}
/* torch's result type for two operands, a number ranking below any tensor of its kind */
static DType where_dtype(Tensor *x, bool xnum, Tensor *y, bool ynum) {
    if (xnum == ynum) return dtype_promote(x->dtype, y->dtype, false);
    Tensor *t = xnum ? y : x, *s = xnum ? x : y;
    if (dtype_is_float(s->dtype) && !dtype_is_float(t->dtype)) return DT_FLOAT32;
    if (s->dtype == DT_INT64 && t->dtype == DT_BOOL) return DT_INT64;
    return t->dtype;
}

static Value nonzero(Interp *I, Tensor *x, bool as_tuple);
static Value t_where(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("where", 3, 1, "condition", "input", "other");
    if (!want_tensor(I, "where", "condition", 1, a[0])) return VAL_ERR;
    Tensor *c = AS_TENSOR(a[0]);
    if (IS_UNDEF(a[1]) && IS_UNDEF(a[2])) /* where(cond): the indices of the non-zeros, per dim */
        return nonzero(I, c, true);
    if (IS_UNDEF(a[1]) || IS_UNDEF(a[2])) return err_raise(I, EXC_TypeError, "where() missing required argument: '%s'", IS_UNDEF(a[1]) ? "input" : "other");
    if (c->dtype != DT_BOOL)
        return err_raise(I, EXC_RuntimeError, "where expected condition to be a boolean tensor, but got a tensor with dtype %s", torch_word[c->dtype]);
    Tensor *x = where_operand(I, a[1], 2), *y = x ? where_operand(I, a[2], 3) : NULL;
    if (!y) { TDEC(x); return VAL_ERR; }
    Tensor *o = NULL, *ex = NULL, *ey = NULL, *ec = NULL;
    Value r = VAL_ERR;
    Tensor *ts[3] = {c, x, y};
    int nd;
    int64_t sh[TENSOR_MAX_DIMS];
    if (!bshape3(I, ts, &nd, sh)) goto out;
    DType dt = where_dtype(x, !IS_TENSOR(a[1]), y, !IS_TENSOR(a[2]));
    o = tensor_new(I, dt, FLAVOR_TORCH, nd, sh);
    ec = o ? tensor_expand_to(I, c, nd, sh) : NULL;
    ex = ec ? tensor_expand_to(I, x, nd, sh) : NULL;
    ey = ex ? tensor_expand_to(I, y, nd, sh) : NULL;
    if (!ey) goto out;
    for (int64_t i = 0; i < o->numel; i++)
        tensor_set(o, i, tensor_get(ec, i) != 0 ? tensor_get(ex, i) : tensor_get(ey, i));
    Tensor *in[2] = {x, y};
    if (dtype_is_float(dt) && tape_should_record(2, in)) {
        TapeNode *n = tape_record(I, OP_WHERE, o, 2, in);
        if (!n || !tape_save(I, n, 0, c)) goto out;
    }
    r = val_obj(o);
    o = NULL;
out:
    TDEC(o); TDEC(ec); TDEC(ex); TDEC(ey); TDEC(x); TDEC(y);
    return r;
}

Value ttorch_m_where(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("where", 2, 2, "condition", "other");
    Value args[3] = {a[0], argv[0], a[1]};
    return t_where(I, 3, args, NULL);
}

/* x with value wherever mask (broadcast to x's shape) is True: a new tensor, or x itself */
static Tensor *masked_fill(Interp *I, Tensor *x, Value maskv, Value value, bool inplace) {
    if (!IS_TENSOR(maskv)) {
        err_raise(I, EXC_TypeError, "masked_fill() received an invalid combination of arguments - got (%s, %s)", val_type_name(maskv), val_type_name(value));
        return NULL;
    }
    Tensor *m = AS_TENSOR(maskv);
    if (m->dtype != DT_BOOL) {
        err_raise(I, EXC_RuntimeError, "masked_fill_ only supports boolean masks, but got mask with dtype %s",
                  m->dtype == DT_INT64 ? "long int" : m->dtype == DT_FLOAT32 ? "float" : "double");
        return NULL;
    }
    double v;
    if (IS_NUM(value)) v = num(value);
    else if (IS_TENSOR(value) && AS_TENSOR(value)->ndim == 0) v = tensor_get(AS_TENSOR(value), 0);
    else {
        err_raise(I, EXC_RuntimeError, "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with %d dimension(s).",
                  IS_TENSOR(value) ? AS_TENSOR(value)->ndim : 0);
        return NULL;
    }
    if (!dtype_is_float(x->dtype)) v = x->dtype == DT_BOOL ? (v != 0) : trunc(v);
    Tensor *em = tensor_expand_to(I, m, x->ndim, x->shape);
    if (!em) return NULL;
    Tensor *o = inplace ? (obj_incref(&x->h), x) : tensor_copy(I, x, x->dtype);
    if (!o) { TDEC(em); return NULL; }
    o->flavor = FLAVOR_TORCH;
    for (int64_t i = 0; i < o->numel; i++) if (tensor_get(em, i) != 0) tensor_set(o, i, v);
    if (inplace) { o->storage->version++; o->version++; }
    else if (!record1(I, OP_MASKEDFILL, x, o, em, 0, 0)) { TDEC(em); TDEC(o); return NULL; }
    TDEC(em);
    return o;
}

/* In-place methods change a tensor that autograd cannot see changing: refuse on a leaf that
 * requires grad (torch's error) and on a tensor inside a recorded graph (ag does not model
 * in-place records). */
static bool inplace_ok(Interp *I, Tensor *t, const char *fname) {
    if (!tensor_check_inplace_leaf(I, t)) return false;
    if (tape_grad_enabled && t->grad_fn) {
        err_raise(I, EXC_RuntimeError, "in-place %s on a tensor that is part of a recorded graph is not supported in ag", fname);
        err_hint(I, "use the out-of-place form instead, e.g. y = y.%.*s(...)", (int)strlen(fname) - 1, fname);
        return false;
    }
    return true;
}

Value ttorch_m_masked_fill(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("masked_fill", 2, 2, "mask", "value");
    return tensor_value(masked_fill(I, SELF, a[0], a[1], false));
}
Value ttorch_m_masked_fill_(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("masked_fill_", 2, 2, "mask", "value");
    if (!inplace_ok(I, SELF, "masked_fill_")) return VAL_ERR;
    return tensor_value(masked_fill(I, SELF, a[0], a[1], true));
}
static Value t_masked_fill(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !want_tensor(I, "masked_fill", "input", 1, argv[0])) return argc < 1 ? err_raise(I, EXC_TypeError, "masked_fill() missing required argument: 'input'") : VAL_ERR;
    return ttorch_m_masked_fill(I, argc, argv, kw);
}

/* ---- gather -------------------------------------------------------------------------- */
/* gather/scatter: element i of idx gives its coordinates co[] and, checked against size and
 * wrapped, the index k along dim; false with torch's IndexError-like RuntimeError. */
static bool index_at(Interp *I, const Tensor *idx, int64_t i, int dim, int64_t size, int64_t *co, int64_t *k) {
    int64_t r = i;
    for (int d = idx->ndim - 1; d >= 0; d--) { co[d] = r % idx->shape[d]; r /= idx->shape[d]; }
    *k = tensor_get_i64(idx, i);
    if (*k < -size || *k >= size) {
        err_raise(I, EXC_RuntimeError, "index %lld is out of bounds for dimension %d with size %lld", (long long)*k, dim, (long long)size);
        return false;
    }
    if (*k < 0) *k += size;
    return true;
}

static Tensor *gather(Interp *I, Tensor *x, int dim, Tensor *idx) {
    if (idx->dtype != DT_INT64) { err_raise(I, EXC_RuntimeError, "gather(): Expected dtype int64 for index"); return NULL; }
    int xnd = x->ndim ? x->ndim : 1, ind = idx->ndim ? idx->ndim : 1;
    if (xnd != ind) { err_raise(I, EXC_RuntimeError, "Index tensor must have the same number of dimensions as input tensor"); return NULL; }
    for (int d = 0; d < idx->ndim; d++)
        if (d != dim && idx->shape[d] > x->shape[d]) {
            err_raise(I, EXC_RuntimeError, "Size does not match at dimension %d expected index [...] to be smaller than self [...] apart from dimension %d", d, dim);
            return NULL;
        }
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, idx->ndim, idx->shape);
    if (!o) return NULL;
    int64_t size = x->ndim ? x->shape[dim] : 1, co[TENSOR_MAX_DIMS];
    for (int64_t i = 0; i < o->numel; i++) {
        int64_t src = 0, mul = 1, k;
        if (!index_at(I, idx, i, dim, size, co, &k)) { TDEC(o); return NULL; }
        for (int d = x->ndim - 1; d >= 0; d--) { src += (d == dim ? k : co[d]) * mul; mul *= x->shape[d]; }
        tensor_set(o, i, tensor_get(x, src));
    }
    if (!record1(I, OP_GATHER, x, o, idx, dim, 0)) { TDEC(o); return NULL; }
    return o;
}
Value ttorch_m_gather(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("gather", 2, 2, "dim", "index");
    int dim;
    if (!dim_arg(I, SELF, a[0], 0, &dim)) return VAL_ERR;
    if (!want_tensor(I, "gather", "index", 2, a[1])) return VAL_ERR;
    return tensor_value(gather(I, SELF, dim, AS_TENSOR(a[1])));
}
static Value t_gather(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !want_tensor(I, "gather", "input", 1, argv[0])) return argc < 1 ? err_raise(I, EXC_TypeError, "gather() missing required argument: 'input'") : VAL_ERR;
    return ttorch_m_gather(I, argc, argv, kw);
}

/* ---- x.isnan() / isinf() / isfinite() / logical_not() ------------------------------------- */
enum { TEST_NAN, TEST_INF, TEST_FINITE, TEST_NOT };
/* torch-only methods are not NumPy's: an ndarray has no x.isnan() or x.scatter_() */
static bool torch_only(Interp *I, const Value *argv, const char *name) {
    if (SELF->flavor == FLAVOR_TORCH) return true;
    err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'", SELF->flavor == FLAVOR_NUMPY ? "numpy.ndarray" : val_type_name(argv[0]), name);
    return false;
}
static Value elem_test(Interp *I, const char *fname, int which, int argc, const Value *argv, const KwArgs *kw) {
    if (!torch_only(I, argv, fname)) return VAL_ERR;
    ARGS(fname, 1, 0, "_");
    Tensor *x = SELF;
    Tensor *o = tensor_new(I, DT_BOOL, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return VAL_ERR;
    for (int64_t i = 0; i < x->numel; i++) {
        double v = tensor_get(x, i);
        bool r = which == TEST_NAN ? isnan(v) : which == TEST_INF ? isinf(v) : which == TEST_FINITE ? isfinite(v) : v == 0;
        tensor_set(o, i, r);
    }
    return tensor_value(o);
}
Value ttorch_m_isnan(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return elem_test(I, "isnan", TEST_NAN, argc, argv, kw); }
Value ttorch_m_isinf(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return elem_test(I, "isinf", TEST_INF, argc, argv, kw); }
Value ttorch_m_isfinite(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return elem_test(I, "isfinite", TEST_FINITE, argc, argv, kw); }
Value ttorch_m_logical_not(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return elem_test(I, "logical_not", TEST_NOT, argc, argv, kw); }

/* ---- scatter / scatter_add -------------------------------------------------------------- */
/* For every position of index: out[..., index[pos], ...] (index's value put at dim) = src[pos]
 * (or value), or += for scatter_add, in index's row-major order as torch's CPU loop. Into a
 * contiguous copy of x; no autograd (ag does not record scatter). */
static Tensor *scatter_core(Interp *I, const char *fname, Tensor *x, int dim, Tensor *idx, Value srcv, bool add) {
    if (idx->dtype != DT_INT64) { err_raise(I, EXC_RuntimeError, "%s(): Expected dtype int64 for index", fname); return NULL; }
    Tensor *src = IS_TENSOR(srcv) ? AS_TENSOR(srcv) : NULL;
    if (!src && !IS_NUM(srcv)) { err_raise(I, EXC_TypeError, "%s(): argument 'src' must be Tensor or a number, not %s", fname, val_type_name(srcv)); return NULL; }
    if (tape_grad_enabled && ((x->requires_grad || x->grad_fn) || (src && (src->requires_grad || src->grad_fn)))) {
        err_raise(I, EXC_RuntimeError, "%s on tensors that require grad is not supported in ag", fname);
        err_hint(I, "build the tensor under torch.no_grad(), or use gather / one_hot / index arithmetic instead");
        return NULL;
    }
    int xnd = x->ndim ? x->ndim : 1, ind = idx->ndim ? idx->ndim : 1;
    if (xnd != ind || (src && (src->ndim ? src->ndim : 1) != ind)) {
        err_raise(I, EXC_RuntimeError, "Index tensor must have the same number of dimensions as self tensor");
        return NULL;
    }
    for (int d = 0; d < idx->ndim; d++)
        if ((d != dim && idx->shape[d] > x->shape[d]) || (src && idx->shape[d] > src->shape[d])) {
            err_raise(I, EXC_RuntimeError, "Expected index [...] to be smaller than self [...] apart from dimension %d and to be smaller size than src [...]", dim);
            return NULL;
        }
    Tensor *o = tensor_copy(I, x, x->dtype);
    if (!o) return NULL;
    o->flavor = FLAVOR_TORCH;
    double value = src ? 0 : num(srcv);
    int64_t size = x->ndim ? x->shape[dim] : 1, co[TENSOR_MAX_DIMS];
    for (int64_t i = 0; i < idx->numel; i++) {
        int64_t k;
        if (!index_at(I, idx, i, dim, size, co, &k)) { TDEC(o); return NULL; }
        int64_t dst = 0, mul = 1, sp = 0, smul = 1;
        for (int d = x->ndim - 1; d >= 0; d--) { dst += (d == dim ? k : co[d]) * mul; mul *= x->shape[d]; }
        if (src) for (int d = src->ndim - 1; d >= 0; d--) { sp += co[d] * smul; smul *= src->shape[d]; }
        if (o->dtype == DT_INT64 && (!src || src->dtype == DT_INT64)) {
            int64_t v = src ? tensor_get_i64(src, sp) : (int64_t)value, *od = o->storage->data;
            od[dst] = add ? (int64_t)((uint64_t)od[dst] + (uint64_t)v) : v;
        } else {
            double v = src ? tensor_get(src, sp) : value;
            if (o->dtype == DT_FLOAT32) v = (float)v;
            tensor_set(o, dst, add ? (o->dtype == DT_FLOAT32 ? (double)((float)tensor_get(o, dst) + (float)v) : tensor_get(o, dst) + v) : v);
        }
    }
    return o;
}
static Value scatter_method(Interp *I, const char *fname, bool add, bool inplace, int argc, const Value *argv, const KwArgs *kw) {
    if (!torch_only(I, argv, fname)) return VAL_ERR;
    ARGS(fname, 4, 2, "dim", "index", "src", "value");
    Tensor *x = SELF;
    int dim;
    if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    if (!want_tensor(I, fname, "index", 2, a[1])) return VAL_ERR;
    Value srcv = given(a[2]) ? a[2] : a[3];
    if (!given(srcv)) return err_raise(I, EXC_TypeError, "%s() missing 1 required positional argument: \"src\"", fname);
    if (inplace && !inplace_ok(I, x, fname)) return VAL_ERR;
    Tensor *o = scatter_core(I, fname, x, dim, AS_TENSOR(a[1]), srcv, add);
    if (!o) return VAL_ERR;
    if (!inplace) return tensor_value(o);
    bool ok = tensor_assign(I, x, o);
    TDEC(o);
    return ok ? val_incref(argv[0]) : VAL_ERR;
}
Value ttorch_m_scatter(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return scatter_method(I, "scatter", false, false, argc, argv, kw); }
Value ttorch_m_scatter_(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return scatter_method(I, "scatter_", false, true, argc, argv, kw); }
Value ttorch_m_scatter_add(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return scatter_method(I, "scatter_add", true, false, argc, argv, kw); }
Value ttorch_m_scatter_add_(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return scatter_method(I, "scatter_add_", true, true, argc, argv, kw); }
static Value t_scatter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !want_tensor(I, "scatter", "input", 1, argv[0])) return argc < 1 ? err_raise(I, EXC_TypeError, "scatter() missing required argument: 'input'") : VAL_ERR;
    return ttorch_m_scatter(I, argc, argv, kw);
}
static Value t_scatter_add(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !want_tensor(I, "scatter_add", "input", 1, argv[0])) return argc < 1 ? err_raise(I, EXC_TypeError, "scatter_add() missing required argument: 'input'") : VAL_ERR;
    return ttorch_m_scatter_add(I, argc, argv, kw);
}

/* ---- cumsum / cumprod / prod ------------------------------------------------------------ */
/* Along dim, accumulating as torch's CPU kernel does: in double for floats (acc_type), int64
 * for integers; reverse runs from the end (cumsum's backward). */
Tensor *ttorch_cum(Interp *I, Tensor *x, int dim, bool prod, bool reverse, DType dt) {
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    Lanes l = lanes(x, dim);
    for (int64_t ou = 0; ou < l.outer; ou++)
        for (int64_t in = 0; in < l.inner; in++) {
            double acc = prod ? 1 : 0;
            int64_t iacc = prod ? 1 : 0;
            for (int64_t j = 0; j < l.len; j++) {
                int64_t k = reverse ? l.len - 1 - j : j, p = LANE_AT(l, ou, k, in);
                if (dtype_is_float(dt)) { double v = tensor_get(x, p); acc = prod ? acc * v : acc + v; tensor_set(o, p, acc); }
                else {
                    int64_t v = tensor_get_i64(x, p);
                    iacc = prod ? (int64_t)((uint64_t)iacc * (uint64_t)v) : (int64_t)((uint64_t)iacc + (uint64_t)v);
                    ((int64_t *)o->storage->data)[p] = iacc;
                }
            }
        }
    return o;
}
static Value cum_method(Interp *I, const char *fname, bool prod, int argc, const Value *argv, const KwArgs *kw) {
    ARGS(fname, 2, 1, "dim", "dtype");
    Tensor *x = SELF;
    int dim;
    if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    DType dt = dtype_is_float(x->dtype) ? x->dtype : DT_INT64;
    if (given(a[1]) && !value_as_dtype(a[1], &dt)) return err_raise(I, EXC_TypeError, "%s(): argument 'dtype' must be torch.dtype, not %s", fname, val_type_name(a[1]));
    Tensor *o = ttorch_cum(I, x, dim, prod, false, dt);
    if (o && dt == x->dtype && float_tracked(x)) {
        Tensor *in[1] = {x};
        TapeNode *n = tape_record(I, prod ? OP_CUMPROD : OP_CUMSUM, o, 1, in);
        if (!n || (prod && (!tape_save(I, n, 0, x) || !tape_save(I, n, 1, o)))) { TDEC(o); return VAL_ERR; }
        n->ip[0] = dim;
    }
    return tensor_value(o);
}
Value tlib_m_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_cumsum(I, argc, argv, kw);
    return cum_method(I, "cumsum", false, argc, argv, kw);
}
Value ttorch_m_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_cumprod(I, argc, argv, kw);
    return cum_method(I, "cumprod", true, argc, argv, kw);
}

/* The product of each lane of x along dim (all elements when dim < 0), in x's dtype order. */
static Tensor *prod_op(Interp *I, Tensor *x, int dim, bool keepdim, DType dt) {
    int nd = 0;
    int64_t sh[TENSOR_MAX_DIMS];
    if (dim >= 0 && x->ndim) {
        for (int d = 0; d < x->ndim; d++) {
            if (d != dim) sh[nd++] = x->shape[d];
            else if (keepdim) sh[nd++] = 1;
        }
    }
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, nd, sh);
    if (!o) return NULL;
    Lanes l = dim >= 0 ? lanes(x, dim) : (Lanes){1, x->numel, 1};
    for (int64_t ou = 0; ou < l.outer; ou++)
        for (int64_t in = 0; in < l.inner; in++) {
            float pf = 1;
            double pd = 1;
            int64_t pi = 1;
            for (int64_t k = 0; k < l.len; k++) {
                int64_t p = LANE_AT(l, ou, k, in);
                if (dt == DT_FLOAT32) pf *= (float)tensor_get(x, p);
                else if (dt == DT_FLOAT64) pd *= tensor_get(x, p);
                else pi = (int64_t)((uint64_t)pi * (uint64_t)tensor_get_i64(x, p));
            }
            int64_t q = ou * l.inner + in;
            if (dt == DT_INT64) ((int64_t *)o->storage->data)[q] = pi;
            else tensor_set(o, q, dt == DT_FLOAT32 ? pf : pd);
        }
    if (dtype_is_float(dt) && dt == x->dtype && float_tracked(x)) {
        Tensor *in[1] = {x};
        TapeNode *n = tape_record(I, dim >= 0 ? OP_PRODDIM : OP_PROD, o, 1, in);
        if (!n || !tape_save(I, n, 0, x) || !tape_save(I, n, 1, o)) { TDEC(o); return NULL; }
        n->ip[0] = dim;
        n->ip[1] = keepdim;
    }
    return o;
}
Value ttorch_m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_prod(I, argc, argv, kw);
    ARGS("prod", 3, 0, "dim", "keepdim", "dtype");
    Tensor *x = SELF;
    int dim = -1;
    if (given(a[0]) && !dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    int keep = given(a[1]) ? val_truth(I, a[1]) : 0;
    if (keep < 0) return VAL_ERR;
    DType dt = dtype_is_float(x->dtype) ? x->dtype : DT_INT64;
    if (given(a[2]) && !value_as_dtype(a[2], &dt)) return err_raise(I, EXC_TypeError, "prod(): argument 'dtype' must be torch.dtype, not %s", val_type_name(a[2]));
    return tensor_value(prod_op(I, x, dim, keep, dt));
}

/* ---- flip / repeat ------------------------------------------------------------------------- */
/* x reversed along the dims in mask (a copy, as torch's flip). */
Tensor *ttorch_flip(Interp *I, Tensor *x, uint32_t mask) {
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    for (int64_t i = 0; i < o->numel; i++) {
        int64_t r = i, src = 0, mul = 1;
        for (int d = x->ndim - 1; d >= 0; d--) {
            int64_t c = r % x->shape[d];
            r /= x->shape[d];
            if ((mask >> d) & 1) c = x->shape[d] - 1 - c;
            src += c * mul;
            mul *= x->shape[d];
        }
        tensor_set(o, i, tensor_get(x, src));
    }
    return o;
}
static Value flip_dims(Interp *I, Tensor *x, int n, const Value *items) {
    uint32_t mask = 0;
    for (int k = 0; k < n; k++) {
        int64_t d;
        int dd;
        if (!val_as_index(I, items[k], &d) || !norm_dim(I, x, d, &dd)) return VAL_ERR;
        if ((mask >> dd) & 1) return err_raise(I, EXC_RuntimeError, "dim %d appears multiple times in the list of dims", dd);
        mask |= 1u << dd;
    }
    Tensor *o = ttorch_flip(I, x, x->ndim ? mask : 0);
    if (o && !record1(I, OP_FLIP, x, o, NULL, mask, 0)) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}
/* dims as f(0, 1), f((0, 1)) or f([0, 1]) */
static bool seq_items(Value v, int64_t *n, const Value **items) {
    if (IS_A(v, list_class)) { *n = ((List *)AS_OBJ(v))->len; *items = ((List *)AS_OBJ(v))->items; return true; }
    if (IS_A(v, tuple_class)) { *n = ((Tuple *)AS_OBJ(v))->len; *items = ((Tuple *)AS_OBJ(v))->items; return true; }
    return false;
}
Value ttorch_m_flip(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n == 1 && !strcmp(str_cstr(kw->names[0]), "dims") && argc == 1) {
        int64_t n;
        const Value *items;
        if (!seq_items(kw->vals[0], &n, &items)) { n = 1; items = kw->vals; }
        return flip_dims(I, SELF, (int)n, items);
    }
    if (!nat_positional(I, "flip", argc - 1, kw, 1, TENSOR_MAX_DIMS)) return VAL_ERR;
    int64_t n;
    const Value *items;
    if (argc == 2 && seq_items(argv[1], &n, &items)) return flip_dims(I, SELF, (int)n, items);
    return flip_dims(I, SELF, argc - 1, argv + 1);
}
static Value t_flip(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("flip", 2, 2, "input", "dims");
    if (!want_tensor(I, "flip", "input", 1, a[0])) return VAL_ERR;
    int64_t n;
    const Value *items;
    if (!seq_items(a[1], &n, &items)) { n = 1; items = &a[1]; }
    return flip_dims(I, AS_TENSOR(a[0]), (int)n, items);
}
Value ttorch_m_fliplr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fliplr", 1, 0, "_");
    if (SELF->ndim < 2) return err_raise(I, EXC_RuntimeError, "Input must be >= 2-d.");
    Value d = val_int(1);
    return flip_dims(I, SELF, 1, &d);
}
Value ttorch_m_flipud(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("flipud", 1, 0, "_");
    if (SELF->ndim < 1) return err_raise(I, EXC_RuntimeError, "Input must be >= 1-d.");
    Value d = val_int(0);
    return flip_dims(I, SELF, 1, &d);
}

Value ttorch_m_repeat(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "repeat", argc - 1, kw, 1, TENSOR_MAX_DIMS)) return VAL_ERR;
    Tensor *x = SELF;
    int64_t n;
    const Value *items;
    if (!(argc == 2 && seq_items(argv[1], &n, &items))) { n = argc - 1; items = argv + 1; }
    if (n < x->ndim)
        return err_raise(I, EXC_RuntimeError, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
    if (n > TENSOR_MAX_DIMS) return err_raise(I, EXC_ValueError, "too many dimensions (at most %d)", TENSOR_MAX_DIMS);
    int64_t reps[TENSOR_MAX_DIMS], xs[TENSOR_MAX_DIMS], sh[TENSOR_MAX_DIMS];
    int lead = (int)n - x->ndim;
    for (int d = 0; d < n; d++) {
        if (!val_as_index(I, items[d], &reps[d])) return VAL_ERR;
        if (reps[d] < 0) return err_raise(I, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [...]", (long long)reps[d]);
        xs[d] = d < lead ? 1 : x->shape[d - lead];
        sh[d] = xs[d] * reps[d];
    }
    int64_t cnt;
    if (!tensor_check_size(I, (int)n, sh, &cnt)) return VAL_ERR;
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, (int)n, sh);
    if (!o) return VAL_ERR;
    for (int64_t i = 0; i < o->numel; i++) {
        int64_t r = i, src = 0, mul = 1;
        for (int d = (int)n - 1; d >= lead; d--) {
            src += (r % sh[d]) % xs[d] * mul;
            r /= sh[d];
            mul *= xs[d];
        }
        tensor_set(o, i, tensor_get(x, src));
    }
    if (!record1(I, OP_REPEAT, x, o, NULL, n, 0)) { TDEC(o); return VAL_ERR; }
    return val_obj(o);
}

/* ---- sort / argsort / topk --------------------------------------------------------------- */
typedef struct { double v; int64_t i; } Keyed;
/* ascending with NaN last, ties in index order (the order torch's stable CPU sort gives) */
static int cmp_asc(const void *p, const void *q) {
    const Keyed *a = p, *b = q;
    bool an = isnan(a->v), bn = isnan(b->v);
    if (an != bn) return an ? 1 : -1;
    if (!an && a->v != b->v) return a->v < b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}
static int cmp_desc(const void *p, const void *q) {
    const Keyed *a = p, *b = q;
    bool an = isnan(a->v), bn = isnan(b->v);
    if (an != bn) return an ? -1 : 1;
    if (!an && a->v != b->v) return a->v > b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The first k of each lane along dim sorted (descending when desc): values and int64
 * indices; values record op (SORT or TOPK) when x is tracked. */
static bool sort_k(Interp *I, Tensor *x, int dim, int64_t k, bool desc, OpKind op, Tensor **vals, Tensor **idx) {
    int nd = x->ndim;
    int64_t sh[TENSOR_MAX_DIMS];
    memcpy(sh, x->shape, sizeof sh);
    if (nd) sh[dim] = k;
    Tensor *v = tensor_new(I, x->dtype, FLAVOR_TORCH, nd, sh), *ix = v ? tensor_new(I, DT_INT64, FLAVOR_TORCH, nd, sh) : NULL;
    Lanes l = lanes(x, dim);
    Keyed *buf = ix ? mem_alloc(sizeof(Keyed) * (size_t)(l.len ? l.len : 1)) : NULL;
    if (!buf) { if (ix) err_nomem(I); TDEC(v); TDEC(ix); return false; }
    for (int64_t ou = 0; ou < l.outer; ou++)
        for (int64_t in = 0; in < l.inner; in++) {
            for (int64_t j = 0; j < l.len; j++) { buf[j].v = tensor_get(x, LANE_AT(l, ou, j, in)); buf[j].i = j; }
            qsort(buf, (size_t)l.len, sizeof(Keyed), desc ? cmp_desc : cmp_asc);
            for (int64_t j = 0; j < k; j++) {
                int64_t p = (ou * k + j) * l.inner + in;
                tensor_set(v, p, buf[j].v);
                ((int64_t *)ix->storage->data)[p] = buf[j].i;
            }
        }
    mem_free(buf, sizeof(Keyed) * (size_t)(l.len ? l.len : 1));
    if (!record1(I, op, x, v, ix, dim, 0)) { TDEC(v); TDEC(ix); return false; }
    *vals = v;
    *idx = ix;
    return true;
}
static Value sort_like(Interp *I, Tensor *x, Value dimv, Value descv, bool arg) {
    int dim, desc = given(descv) ? val_truth(I, descv) : 0;
    if (desc < 0 || !dim_arg(I, x, dimv, x->ndim ? x->ndim - 1 : 0, &dim)) return VAL_ERR;
    Tensor *v, *ix;
    if (!sort_k(I, x, dim, x->ndim ? x->shape[dim] : 1, desc, OP_SORT, &v, &ix)) return VAL_ERR;
    if (arg) { TDEC(v); return val_obj(ix); }
    return tensor_named_pair(I, "sort", v, ix);
}
Value ttorch_m_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_sort(I, argc, argv, kw);
    ARGS("sort", 3, 0, "dim", "descending", "stable");
    return sort_like(I, SELF, a[0], a[1], false);
}
Value ttorch_m_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_argsort(I, argc, argv, kw);
    ARGS("argsort", 3, 0, "dim", "descending", "stable");
    return sort_like(I, SELF, a[0], a[1], true);
}
Value ttorch_m_topk(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("topk", 4, 1, "k", "dim", "largest", "sorted");
    Tensor *x = SELF;
    int64_t k;
    int dim, largest = given(a[2]) ? val_truth(I, a[2]) : 1;
    if (largest < 0 || !val_as_index(I, a[0], &k) || !dim_arg(I, x, a[1], x->ndim ? x->ndim - 1 : 0, &dim)) return VAL_ERR;
    int64_t len = x->ndim ? x->shape[dim] : 1;
    if (k < 0 || k > len) return err_raise(I, EXC_RuntimeError, "selected index k out of range");
    Tensor *v, *ix;
    if (!sort_k(I, x, dim, k, largest, OP_TOPK, &v, &ix)) return VAL_ERR;
    return tensor_named_pair(I, "topk", v, ix);
}
#define VIA_SELF(fn, method, name)                                                          \
    static Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) {              \
        if (argc < 1) return err_raise(I, EXC_TypeError, name "() missing required argument: 'input'"); \
        if (!want_tensor(I, name, "input", 1, argv[0])) return VAL_ERR;                      \
        return method(I, argc, argv, kw);                                                    \
    }
VIA_SELF(t_sort, ttorch_m_sort, "sort")
VIA_SELF(t_argsort, ttorch_m_argsort, "argsort")
VIA_SELF(t_topk, ttorch_m_topk, "topk")
VIA_SELF(t_cumsum, ttorch_m_cumsum, "cumsum")
VIA_SELF(t_cumprod, ttorch_m_cumprod, "cumprod")
VIA_SELF(t_prod, ttorch_m_prod, "prod")
VIA_SELF(t_fliplr, ttorch_m_fliplr, "fliplr")
VIA_SELF(t_flipud, ttorch_m_flipud, "flipud")

/* median: the lower of the two middle values (torch), NaN first when any; with dim, its index */
Value ttorch_m_median(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("median", 2, 0, "dim", "keepdim");
    Tensor *x = SELF;
    if (x->numel == 0) return err_raise(I, EXC_IndexError, "median() input tensor cannot be empty");
    int keep = given(a[1]) ? val_truth(I, a[1]) : 0;
    if (keep < 0) return VAL_ERR;
    if (!given(a[0])) {
        Tensor *flat = tensor_copy(I, x, x->dtype), *v = NULL, *ix = NULL;
        if (!flat) return VAL_ERR;
        flat->flavor = FLAVOR_TORCH;
        flat->ndim = 1;
        flat->shape[0] = flat->numel;
        flat->stride[0] = 1;
        bool ok = sort_k(I, flat, 0, flat->numel, false, OP_SORT, &v, &ix);
        TDEC(flat);
        if (!ok) return VAL_ERR;
        int64_t pos = (x->numel - 1) / 2;
        if (isnan(tensor_get(v, x->numel - 1))) pos = x->numel - 1; /* NaN propagates */
        Tensor *m = tensor_scalar(I, x->dtype, FLAVOR_TORCH, tensor_get(v, pos));
        TDEC(v);
        TDEC(ix);
        if (!m) return VAL_ERR;
        if (float_tracked(x)) {
            Tensor *in[1] = {x};
            TapeNode *n = tape_record(I, OP_MEDIAN, m, 1, in);
            if (!n || !tape_save(I, n, 0, x) || !tape_save(I, n, 1, m)) { TDEC(m); return VAL_ERR; }
        }
        return val_obj(m);
    }
    int dim;
    if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    bool prev = tape_grad_enabled;
    tape_grad_enabled = false;
    Tensor *v, *ix;
    bool ok = sort_k(I, x, dim, x->ndim ? x->shape[dim] : 1, false, OP_SORT, &v, &ix);
    tape_grad_enabled = prev;
    if (!ok) return VAL_ERR;
    int64_t len = x->ndim ? x->shape[dim] : 1, sh[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < x->ndim; d++) { if (d != dim) sh[nd++] = x->shape[d]; else if (keep) sh[nd++] = 1; }
    Tensor *mv = tensor_new(I, x->dtype, FLAVOR_TORCH, nd, sh), *mi = mv ? tensor_new(I, DT_INT64, FLAVOR_TORCH, nd, sh) : NULL;
    if (!mi) { TDEC(mv); TDEC(v); TDEC(ix); return VAL_ERR; }
    Lanes l = lanes(x, dim);
    for (int64_t ou = 0; ou < l.outer; ou++)
        for (int64_t in = 0; in < l.inner; in++) {
            int64_t pos = (len - 1) / 2;
            if (isnan(tensor_get(v, LANE_AT(l, ou, len - 1, in)))) pos = len - 1;
            int64_t p = LANE_AT(l, ou, pos, in), q = ou * l.inner + in;
            tensor_set(mv, q, tensor_get(v, p));
            ((int64_t *)mi->storage->data)[q] = ((int64_t *)ix->storage->data)[p];
        }
    TDEC(v);
    TDEC(ix);
    if (float_tracked(x)) {
        Tensor *in[1] = {x};
        TapeNode *n = tape_record(I, OP_MEDIANDIM, mv, 1, in);
        if (!n || !tape_save(I, n, 0, mi)) { TDEC(mv); TDEC(mi); return VAL_ERR; }
        n->ip[0] = dim;
        n->ip[1] = keep;
    }
    return tensor_named_pair(I, "median", mv, mi);
}
VIA_SELF(t_median, ttorch_m_median, "median")

/* nonzero: the indices of the non-zero elements, [n, ndim] (as_tuple: one 1-D tensor per dim) */
static Value nonzero(Interp *I, Tensor *x, bool as_tuple) {
    int64_t cnt = 0;
    for (int64_t i = 0; i < x->numel; i++) cnt += tensor_get(x, i) != 0;
    int nd = x->ndim;
    int64_t sh[2] = {cnt, nd};
    Tensor *o = tensor_new(I, DT_INT64, FLAVOR_TORCH, 2, sh);
    if (!o) return VAL_ERR;
    int64_t *r = o->storage->data, k = 0;
    for (int64_t i = 0; i < x->numel; i++) {
        if (tensor_get(x, i) == 0) continue;
        int64_t q = i;
        for (int d = nd - 1; d >= 0; d--) { r[k * nd + d] = q % x->shape[d]; q /= x->shape[d]; }
        k++;
    }
    if (!as_tuple) return val_obj(o);
    int nt = nd ? nd : 1;
    Tuple *t = tuple_new(I, nt);
    if (!t) { TDEC(o); return VAL_ERR; }
    for (int d = 0; d < nt; d++) {
        int64_t s1[1] = {cnt};
        Tensor *c = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, s1);
        if (!c) { TDEC(o); val_decref(val_obj(t)); return VAL_ERR; }
        for (int64_t j = 0; j < cnt; j++) ((int64_t *)c->storage->data)[j] = nd ? r[j * nd + d] : 0;
        t->items[d] = val_obj(c);
    }
    TDEC(o);
    return val_obj(t);
}
Value ttorch_m_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("nonzero", 1, 0, "as_tuple");
    int as_tuple = given(a[0]) ? val_truth(I, a[0]) : 0;
    if (as_tuple < 0) return VAL_ERR;
    return nonzero(I, SELF, as_tuple);
}
Value ttorch_m_count_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("count_nonzero", 1, 0, "dim");
    Tensor *x = SELF;
    if (given(a[0])) {
        int dim;
        if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
        int64_t sh[TENSOR_MAX_DIMS];
        int nd = 0;
        for (int d = 0; d < x->ndim; d++) if (d != dim) sh[nd++] = x->shape[d];
        Tensor *o = tensor_new(I, DT_INT64, FLAVOR_TORCH, nd, sh);
        if (!o) return VAL_ERR;
        Lanes l = lanes(x, dim);
        for (int64_t ou = 0; ou < l.outer; ou++)
            for (int64_t in = 0; in < l.inner; in++)
                for (int64_t k = 0; k < l.len; k++)
                    ((int64_t *)o->storage->data)[ou * l.inner + in] += tensor_get(x, LANE_AT(l, ou, k, in)) != 0;
        return val_obj(o);
    }
    int64_t cnt = 0;
    for (int64_t i = 0; i < x->numel; i++) cnt += tensor_get(x, i) != 0;
    return tensor_value(tensor_scalar(I, DT_INT64, FLAVOR_TORCH, (double)cnt));
}
VIA_SELF(t_nonzero, ttorch_m_nonzero, "nonzero")
VIA_SELF(t_count_nonzero, ttorch_m_count_nonzero, "count_nonzero")

/* unique (sorted; optionally the inverse indices and the counts), over all elements */
Value ttorch_m_unique(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("unique", 4, 0, "sorted", "return_inverse", "return_counts", "dim");
    Tensor *x = SELF;
    int inv = given(a[1]) ? val_truth(I, a[1]) : 0, cnts = given(a[2]) ? val_truth(I, a[2]) : 0;
    if (inv < 0 || cnts < 0) return VAL_ERR;
    if (given(a[3])) return err_raise(I, EXC_NotImplementedError, "unique(dim=...) is not supported in ag");
    int64_t n = x->numel;
    Keyed *buf = mem_alloc(sizeof(Keyed) * (size_t)(n ? n : 1));
    if (!buf) return err_nomem(I);
    for (int64_t i = 0; i < n; i++) { buf[i].v = tensor_get(x, i); buf[i].i = i; }
    qsort(buf, (size_t)n, sizeof(Keyed), cmp_asc);
    int64_t u = 0;
    for (int64_t i = 0; i < n; i++) if (i == 0 || !(buf[i].v == buf[i - 1].v)) u++;
    int64_t s1[1] = {u};
    Tensor *vals = tensor_new(I, x->dtype, FLAVOR_TORCH, 1, s1);
    Tensor *ci = vals && cnts ? tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, s1) : NULL;
    Tensor *iv = vals && inv ? tensor_new(I, DT_INT64, FLAVOR_TORCH, x->ndim, x->shape) : NULL;
    if (!vals || (cnts && !ci) || (inv && !iv)) { mem_free(buf, sizeof(Keyed) * (size_t)(n ? n : 1)); TDEC(vals); TDEC(ci); TDEC(iv); return VAL_ERR; }
    int64_t k = -1;
    for (int64_t i = 0; i < n; i++) {
        if (i == 0 || !(buf[i].v == buf[i - 1].v)) { k++; tensor_set(vals, k, buf[i].v); }
        if (ci) ((int64_t *)ci->storage->data)[k]++;
        if (iv) ((int64_t *)iv->storage->data)[buf[i].i] = k;
    }
    mem_free(buf, sizeof(Keyed) * (size_t)(n ? n : 1));
    if (!inv && !cnts) return val_obj(vals);
    Tuple *t = tuple_new(I, 1 + inv + cnts);
    if (!t) { TDEC(vals); TDEC(ci); TDEC(iv); return VAL_ERR; }
    int j = 0;
    t->items[j++] = val_obj(vals);
    if (iv) t->items[j++] = val_obj(iv);
    if (ci) t->items[j++] = val_obj(ci);
    return val_obj(t);
}
VIA_SELF(t_unique, ttorch_m_unique, "unique")

Value ttorch_m_nelement(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("nelement", 1, 0, "_");
    return val_int(SELF->numel);
}
Value ttorch_m_element_size(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("element_size", 1, 0, "_");
    return val_int((int64_t)dtype_size[SELF->dtype]);
}
Value ttorch_m_is_floating_point(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("is_floating_point", 1, 0, "_");
    return val_bool(dtype_is_float(SELF->dtype));
}
VIA_SELF(t_is_floating_point, ttorch_m_is_floating_point, "is_floating_point")

/* ---- split / chunk ----------------------------------------------------------------------- */
static Value split_sizes(Interp *I, Tensor *x, int dim, int n, const int64_t *sizes) {
    Tuple *t = tuple_new(I, n);
    if (!t) return VAL_ERR;
    int64_t start = 0;
    for (int k = 0; k < n; k++) {
        Tensor *v = tensor_narrow_op(I, OP_SPLIT, x, dim, start, sizes[k]);
        if (!v) { val_decref(val_obj(t)); return VAL_ERR; }
        t->items[k] = val_obj(v);
        start += sizes[k];
    }
    return val_obj(t);
}
#define SPLIT_MAX 4096
Value ttorch_m_split(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("split", 2, 1, "split_size", "dim");
    Tensor *x = SELF;
    int dim;
    if (!dim_arg(I, x, a[1], 0, &dim)) return VAL_ERR;
    if (x->ndim == 0) return err_raise(I, EXC_RuntimeError, "split expects at least a 1-dimensional tensor");
    int64_t len = x->shape[dim], sizes[SPLIT_MAX], n, cnt = 0;
    const Value *items;
    if (seq_items(a[0], &n, &items)) {
        if (n > SPLIT_MAX) return err_raise(I, EXC_ValueError, "split(): too many sections");
        int64_t total = 0;
        for (int64_t k = 0; k < n; k++) {
            if (!val_as_index(I, items[k], &sizes[k])) return VAL_ERR;
            total += sizes[k];
        }
        if (total != len) {
            StrBuf sb;
            sb_init(&sb);
            for (int64_t k = 0; k < n; k++) sb_printf(&sb, "%s%lld", k ? ", " : "", (long long)sizes[k]);
            Value r = err_raise(I, EXC_RuntimeError, "split_with_sizes expects split_sizes to sum exactly to %lld (input tensor's size at dimension %d), but got split_sizes=[%s]",
                                (long long)len, dim, sb.data ? sb.data : "");
            sb_free(&sb);
            return r;
        }
        cnt = n;
    } else {
        int64_t s;
        if (!val_as_index(I, a[0], &s)) return VAL_ERR;
        if (s <= 0 && !(s == 0 && len == 0)) return err_raise(I, EXC_RuntimeError, "split expects split_size be non-negative, but got split_size=%lld", (long long)s);
        for (int64_t st = 0; st < len && cnt < SPLIT_MAX; st += s) sizes[cnt++] = st + s <= len ? s : len - st;
        if (len == 0) sizes[cnt++] = 0;
    }
    return split_sizes(I, x, dim, (int)cnt, sizes);
}
Value ttorch_m_chunk(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("chunk", 2, 1, "chunks", "dim");
    Tensor *x = SELF;
    int dim;
    int64_t chunks;
    if (!val_as_index(I, a[0], &chunks) || !dim_arg(I, x, a[1], 0, &dim)) return VAL_ERR;
    if (x->ndim == 0) return err_raise(I, EXC_RuntimeError, "chunk expects at least a 1-dimensional tensor");
    if (chunks <= 0) return err_raise(I, EXC_RuntimeError, "chunk expects `chunks` to be greater than 0, got: %lld", (long long)chunks);
    int64_t len = x->shape[dim], s = (len + chunks - 1) / chunks, sizes[SPLIT_MAX], cnt = 0;
    if (s == 0) s = 1;
    for (int64_t st = 0; st < len && cnt < SPLIT_MAX; st += s) sizes[cnt++] = st + s <= len ? s : len - st;
    if (len == 0) sizes[cnt++] = 0;
    return split_sizes(I, x, dim, (int)cnt, sizes);
}
VIA_SELF(t_split, ttorch_m_split, "split")
VIA_SELF(t_chunk, ttorch_m_chunk, "chunk")

/* ---- isclose / allclose ------------------------------------------------------------------- */
/* |a - b| <= atol + |rtol * b| computed as torch does, in the operands' float dtype */
static Tensor *isclose(Interp *I, Tensor *x, Tensor *y, Value rtolv, Value atolv, Value nanv) {
    double rtol = given(rtolv) ? num(rtolv) : 1e-5, atol = given(atolv) ? num(atolv) : 1e-8;
    int eqnan = given(nanv) ? val_truth(I, nanv) : 0;
    if (eqnan < 0) return NULL;
    if (x->dtype != y->dtype) {
        err_raise(I, EXC_RuntimeError, "%s did not match %s", torch_word[x->dtype], torch_word[y->dtype]);
        return NULL;
    }
    Tensor *ts[3] = {x, y, x};
    int nd;
    int64_t sh[TENSOR_MAX_DIMS];
    if (!bshape3(I, ts, &nd, sh)) return NULL;
    Tensor *o = tensor_new(I, DT_BOOL, FLAVOR_TORCH, nd, sh);
    Tensor *ex = o ? tensor_expand_to(I, x, nd, sh) : NULL, *ey = ex ? tensor_expand_to(I, y, nd, sh) : NULL;
    if (!ey) { TDEC(o); TDEC(ex); return NULL; }
    bool f32 = x->dtype == DT_FLOAT32;
    for (int64_t i = 0; i < o->numel; i++) {
        double p = tensor_get(ex, i), q = tensor_get(ey, i);
        bool c = p == q || (eqnan && isnan(p) && isnan(q));
        if (!c && isfinite(p) && isfinite(q)) {
            if (f32) c = fabsf((float)p - (float)q) <= (float)atol + fabsf((float)rtol * (float)q);
            else c = fabs(p - q) <= atol + fabs(rtol * q);
        }
        tensor_set(o, i, c);
    }
    TDEC(ex);
    TDEC(ey);
    return o;
}
Value ttorch_m_isclose(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isclose", 4, 1, "other", "rtol", "atol", "equal_nan");
    if (!want_tensor(I, "isclose", "other", 2, a[0])) return VAL_ERR;
    return tensor_value(isclose(I, SELF, AS_TENSOR(a[0]), a[1], a[2], a[3]));
}
Value ttorch_m_allclose(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("allclose", 4, 1, "other", "rtol", "atol", "equal_nan");
    if (!want_tensor(I, "allclose", "other", 2, a[0])) return VAL_ERR;
    Tensor *c = isclose(I, SELF, AS_TENSOR(a[0]), a[1], a[2], a[3]);
    if (!c) return VAL_ERR;
    bool all = true;
    for (int64_t i = 0; i < c->numel && all; i++) all = tensor_get(c, i) != 0;
    TDEC(c);
    return val_bool(all);
}
VIA_SELF(t_isclose, ttorch_m_isclose, "isclose")
VIA_SELF(t_allclose, ttorch_m_allclose, "allclose")

/* ---- div(rounding_mode=), fmod ------------------------------------------------------------ */
/* floor division gives the result's dtype and shape; trunc and fmod overwrite its elements */
static Value div_rounded(Interp *I, Value self, Value other, bool fmod_) {
    Value r = tensor_binop(I, BIN_FLOORDIV, self, other);
    if (IS_ERR(r)) return r;
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "%s(): argument 'other' (position 1) must be Tensor or Number, not %s", fmod_ ? "fmod" : "div", val_type_name(other));
    Tensor *o = AS_TENSOR(r);
    Tensor *x = AS_TENSOR(self), *y = IS_TENSOR(other) ? AS_TENSOR(other) : NULL;
    Tensor *ex = tensor_expand_to(I, x, o->ndim, o->shape), *ey = y ? tensor_expand_to(I, y, o->ndim, o->shape) : NULL;
    if (!ex || (y && !ey)) { TDEC(ex); TDEC(ey); val_decref(r); return VAL_ERR; }
    double yv = y ? 0 : num(other);
    for (int64_t i = 0; i < o->numel; i++) {
        double p = tensor_get(ex, i), q = y ? tensor_get(ey, i) : yv;
        if (o->dtype == DT_INT64) {
            int64_t pi = ex->dtype == DT_INT64 ? tensor_get_i64(ex, i) : (int64_t)p, qi = ey && ey->dtype == DT_INT64 ? tensor_get_i64(ey, i) : (int64_t)q;
            if (qi == 0) { TDEC(ex); TDEC(ey); val_decref(r); return err_raise(I, EXC_RuntimeError, "ZeroDivisionError"); }
            int64_t v = qi == -1 ? (fmod_ ? 0 : (int64_t)(0 - (uint64_t)pi)) : fmod_ ? pi % qi : pi / qi;
            ((int64_t *)o->storage->data)[o->offset + i] = v;
        } else if (o->dtype == DT_FLOAT32) tensor_set(o, i, fmod_ ? fmodf((float)p, (float)q) : truncf((float)p / (float)q));
        else tensor_set(o, i, fmod_ ? fmod(p, q) : trunc(p / q));
    }
    TDEC(ex);
    TDEC(ey);
    return r;
}
Value ttorch_m_div(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("div", 2, 1, "other", "rounding_mode");
    Value r;
    if (!given(a[1])) r = tensor_binop(I, BIN_TRUEDIV, argv[0], a[0]);
    else if (IS_A(a[1], str_class) && !strcmp(str_cstr((Str *)AS_OBJ(a[1])), "floor")) r = tensor_binop(I, BIN_FLOORDIV, argv[0], a[0]);
    else if (IS_A(a[1], str_class) && !strcmp(str_cstr((Str *)AS_OBJ(a[1])), "trunc")) return div_rounded(I, argv[0], a[0], false);
    else return err_raise(I, EXC_RuntimeError, "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '%s'",
                          IS_A(a[1], str_class) ? str_cstr((Str *)AS_OBJ(a[1])) : val_type_name(a[1]));
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "div(): argument 'other' (position 1) must be Tensor or Number, not %s", val_type_name(a[0]));
    return r;
}
Value ttorch_m_fmod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fmod", 1, 1, "other");
    return div_rounded(I, argv[0], a[0], true);
}
static Value binop_method(Interp *I, BinOp op, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    ARGS(fname, 1, 1, "other");
    Value r = tensor_binop(I, op, argv[0], a[0]);
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "%s(): argument 'other' (position 1) must be Tensor or Number, not %s", fname, val_type_name(a[0]));
    return r;
}
Value ttorch_m_remainder(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return binop_method(I, BIN_MOD, "remainder", argc, argv, kw); }
Value ttorch_m_floor_divide(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return binop_method(I, BIN_FLOORDIV, "floor_divide", argc, argv, kw); }
VIA_SELF(t_div, ttorch_m_div, "div")
VIA_SELF(t_fmod, ttorch_m_fmod, "fmod")
VIA_SELF(t_remainder, ttorch_m_remainder, "remainder")
VIA_SELF(t_floor_divide, ttorch_m_floor_divide, "floor_divide")

/* ---- clip and in-place forms of the unary methods ----------------------------------------- */
Value ttorch_m_clip(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("clip", 2, 0, "min", "max");
    return tensor_clamp_value(I, SELF, a[0], a[1]);
}
VIA_SELF(t_clip, ttorch_m_clip, "clip")

/* x.abs_() is x.copy_(x.abs()) on a tensor autograd does not track */
static Value unary_inplace(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    Tensor *t = SELF;
    if (!inplace_ok(I, t, fname)) return VAL_ERR;
    char base[32];
    snprintf(base, sizeof base, "%.*s", (int)strlen(fname) - 1, fname);
    Value r = !strcmp(base, "clip") ? ttorch_m_clip(I, argc, argv, kw) : tensor_call_method(I, base, argc, argv, kw);
    if (IS_ERR(r)) return r;
    Tensor *s = AS_TENSOR(r);
    if (s->dtype != t->dtype && !dtype_is_float(t->dtype) && dtype_is_float(s->dtype)) {
        val_decref(r);
        return err_raise(I, EXC_RuntimeError, "result type Float can't be cast to the desired output type %s", torch_word[t->dtype]);
    }
    bool ok = tensor_assign(I, t, s);
    val_decref(r);
    return ok ? val_incref(argv[0]) : VAL_ERR;
}
#define INPLACE(fn, name) \
    Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return unary_inplace(I, name, argc, argv, kw); }
INPLACE(ttorch_m_clamp_, "clamp_")
INPLACE(ttorch_m_clip_, "clip_")
INPLACE(ttorch_m_abs_, "abs_")
INPLACE(ttorch_m_neg_, "neg_")
INPLACE(ttorch_m_exp_, "exp_")
INPLACE(ttorch_m_log_, "log_")
INPLACE(ttorch_m_sqrt_, "sqrt_")
INPLACE(ttorch_m_sigmoid_, "sigmoid_")
INPLACE(ttorch_m_tanh_, "tanh_")
INPLACE(ttorch_m_relu_, "relu_")
INPLACE(ttorch_m_pow_, "pow_")

Value ttorch_m_expand_as(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("expand_as", 1, 1, "other");
    if (!want_tensor(I, "expand_as", "other", 1, a[0])) return VAL_ERR;
    Tensor *o = AS_TENSOR(a[0]);
    return tensor_value(tensor_expand_op(I, SELF, o->ndim, o->shape));
}

/* ---- elementwise math beyond tensor.c's unary ops ------------------------------------------ */
static double math1(OpKind op, double x, bool f32, int64_t dec) {
    float xf = (float)x;
    switch (op) {
    case OP_ROUND: return f32 ? nearbyintf(xf) : nearbyint(x);
    case OP_ROUNDDEC: { /* torch: nearbyint(x * 10^d) / 10^d, in the dtype */
        double p = pow(10.0, (double)(dec < 0 ? -dec : dec));
        if (f32) { float pf = (float)p; return dec >= 0 ? nearbyintf(xf * pf) / pf : nearbyintf(xf / pf) * pf; }
        return dec >= 0 ? nearbyint(x * p) / p : nearbyint(x / p) * p;
    }
    case OP_FLOOR: return floor(x);
    case OP_CEIL: return ceil(x);
    case OP_TRUNC: return trunc(x);
    case OP_SIGN: return (x > 0) - (x < 0);
    case OP_RECIPROCAL: return f32 ? 1.0f / xf : 1.0 / x;
    case OP_RSQRT: return f32 ? 1.0f / sqrtf(xf) : 1.0 / sqrt(x);
    /* torch's float32 results for these are the correctly rounded ones: compute in double */
    case OP_LOG10: return log10(x);
    case OP_LOG2: return log2(x);
    case OP_LOG1P: return log1p(x);
    case OP_EXPM1: return expm1(x);
    case OP_EXP2: return exp2(x);
    default: return x;
    }
}
/* rounding ops keep an integer dtype; the others compute in float */
static Tensor *math_unary(Interp *I, OpKind op, Tensor *x, int64_t dec) {
    bool keeps = op == OP_ROUND || op == OP_ROUNDDEC || op == OP_FLOOR || op == OP_CEIL || op == OP_TRUNC || op == OP_SIGN;
    DType dt = dtype_is_float(x->dtype) ? x->dtype : keeps ? x->dtype : DT_FLOAT32;
    if (keeps && x->dtype == DT_BOOL && op != OP_SIGN) {
        err_raise(I, EXC_RuntimeError, "\"%s\" \"_vml_cpu\" not implemented for 'Bool'", op_name[op]);
        return NULL;
    }
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    for (int64_t i = 0; i < o->numel; i++) {
        if (dt == DT_INT64) { ((int64_t *)o->storage->data)[i] = op == OP_SIGN ? (tensor_get_i64(x, i) > 0) - (tensor_get_i64(x, i) < 0) : tensor_get_i64(x, i); continue; }
        tensor_set(o, i, math1(op, tensor_get(x, i), dt == DT_FLOAT32, dec));
    }
    bool save_out = op == OP_RECIPROCAL || op == OP_RSQRT || op == OP_EXPM1 || op == OP_EXP2;
    bool save_in = op == OP_LOG10 || op == OP_LOG2 || op == OP_LOG1P;
    if (dt == x->dtype && !record1(I, op, x, o, save_out ? o : save_in ? x : NULL, dec, 0)) { TDEC(o); return NULL; }
    return o;
}
static Value math_method(Interp *I, OpKind op, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return err_raise(I, EXC_AttributeError, "'numpy.ndarray' object has no attribute '%s'", op_name[op]);
    if (!nat_args(I, op_name[op], argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return tensor_value(math_unary(I, op, SELF, 0));
}
Value tlib_m_round(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_round(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (SELF->flavor != FLAVOR_TORCH) return tlib_m_round(I, argc, argv, kw);
    ARGS("round", 1, 0, "decimals");
    int64_t dec = 0;
    if (given(a[0]) && !val_as_index(I, a[0], &dec)) return VAL_ERR;
    return tensor_value(math_unary(I, given(a[0]) ? OP_ROUNDDEC : OP_ROUND, SELF, dec));
}
#define MATH(fn, OPK) \
    Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return math_method(I, OPK, argc, argv, kw); }
MATH(ttorch_m_floor, OP_FLOOR)
MATH(ttorch_m_ceil, OP_CEIL)
MATH(ttorch_m_trunc, OP_TRUNC)
MATH(ttorch_m_sign, OP_SIGN)
MATH(ttorch_m_reciprocal, OP_RECIPROCAL)
MATH(ttorch_m_rsqrt, OP_RSQRT)
MATH(ttorch_m_log10, OP_LOG10)
MATH(ttorch_m_log2, OP_LOG2)
MATH(ttorch_m_log1p, OP_LOG1P)
MATH(ttorch_m_expm1, OP_EXPM1)
MATH(ttorch_m_exp2, OP_EXP2)
/* square is x ** 2 (PowBackward0), as in torch */
Value ttorch_m_square(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "square", argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return tensor_binop(I, BIN_POW, argv[0], val_int(2));
}
VIA_SELF(t_round, ttorch_m_round, "round")
VIA_SELF(t_floor, ttorch_m_floor, "floor")
VIA_SELF(t_ceil, ttorch_m_ceil, "ceil")
VIA_SELF(t_trunc, ttorch_m_trunc, "trunc")
VIA_SELF(t_sign, ttorch_m_sign, "sign")
VIA_SELF(t_reciprocal, ttorch_m_reciprocal, "reciprocal")
VIA_SELF(t_rsqrt, ttorch_m_rsqrt, "rsqrt")
VIA_SELF(t_log10, ttorch_m_log10, "log10")
VIA_SELF(t_log2, ttorch_m_log2, "log2")
VIA_SELF(t_log1p, ttorch_m_log1p, "log1p")
VIA_SELF(t_expm1, ttorch_m_expm1, "expm1")
VIA_SELF(t_exp2, ttorch_m_exp2, "exp2")
VIA_SELF(t_square, ttorch_m_square, "square")

/* x with the elements above (tril) or below (triu) the diagonal-th diagonal of the last two
 * dims zeroed: a copy */
Tensor *ttorch_tri(Interp *I, Tensor *x, bool upper, int64_t diagonal) {
    Tensor *o = tensor_copy(I, x, x->dtype);
    if (!o) return NULL;
    o->flavor = FLAVOR_TORCH;
    int64_t R = x->shape[x->ndim - 2], C = x->shape[x->ndim - 1];
    for (int64_t i = 0; i < o->numel; i++) {
        int64_t c = i % C, r = (i / C) % R;
        if (upper ? c - r < diagonal : c - r > diagonal) tensor_set(o, i, 0);
    }
    return o;
}
static Value tri_method(Interp *I, bool upper, int argc, const Value *argv, const KwArgs *kw) {
    const char *fname = upper ? "triu" : "tril";
    ARGS(fname, 1, 0, "diagonal");
    Tensor *x = SELF;
    int64_t dg = 0;
    if (given(a[0]) && !val_as_index(I, a[0], &dg)) return VAL_ERR;
    if (x->ndim < 2) {
        int nd = x->ndim ? x->ndim : 1;
        return err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got -2)", -nd, nd - 1);
    }
    Tensor *o = ttorch_tri(I, x, upper, dg);
    if (o && !record1(I, upper ? OP_TRIU : OP_TRIL, x, o, NULL, dg, 0)) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}
Value ttorch_m_tril(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return tri_method(I, false, argc, argv, kw); }
Value ttorch_m_triu(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return tri_method(I, true, argc, argv, kw); }
VIA_SELF(t_tril, ttorch_m_tril, "tril")
VIA_SELF(t_triu, ttorch_m_triu, "triu")

/* narrow(dim, start, length): a view (SliceBackward0, as torch records it) */
Value ttorch_m_narrow(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("narrow", 3, 3, "dim", "start", "length");
    Tensor *x = SELF;
    int dim;
    int64_t start, len;
    if (!dim_arg(I, x, a[0], 0, &dim) || !val_as_index(I, a[1], &start) || !val_as_index(I, a[2], &len)) return VAL_ERR;
    if (x->ndim == 0) return err_raise(I, EXC_RuntimeError, "narrow() cannot be applied to a 0-dim tensor.");
    int64_t size = x->shape[dim];
    if (start < -size || start > size) return err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%lld, %lld], but got %lld)", (long long)-size, (long long)size - 1, (long long)start);
    if (start < 0) start += size;
    if (len < 0 || start + len > size) return err_raise(I, EXC_RuntimeError, "start (%lld) + length (%lld) exceeds dimension size (%lld).", (long long)start, (long long)len, (long long)size);
    return tensor_value(tensor_narrow_op(I, OP_SLICE, x, dim, start, len));
}
VIA_SELF(t_narrow, ttorch_m_narrow, "narrow")

Value ttorch_m_cpu(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("cpu", 1, 0, "memory_format");
    return val_incref(argv[0]); /* ag's tensors are all on the CPU */
}
Value ttorch_m_view_as(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("view_as", 1, 1, "other");
    if (!want_tensor(I, "view_as", "other", 1, a[0])) return VAL_ERR;
    Value args[2] = {argv[0], tensor_call_method(I, "size", 1, &a[0], NULL)};
    if (IS_ERR(args[1])) return VAL_ERR;
    Value r = tensor_call_method(I, "view", 2, args, NULL);
    val_decref(args[1]);
    return r;
}
Value ttorch_m_type_as(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("type_as", 1, 1, "other");
    if (!want_tensor(I, "type_as", "other", 1, a[0])) return VAL_ERR;
    Value dt = dtype_value(I, AS_TENSOR(a[0])->dtype, 0);
    if (IS_ERR(dt)) return dt;
    Value args[2] = {argv[0], dt};
    Value r = tensor_call_method(I, "to", 2, args, NULL);
    val_decref(dt);
    return r;
}

/* ---- roll / index_select / amax, amin / logsumexp / diag / trace / unbind ------------------- */
/* Record a one-input op and return its node (NULL: not recorded, or an error when *ok is false). */
static TapeNode *record_node(Interp *I, OpKind op, Tensor *a, Tensor *out, bool *ok) {
    *ok = true;
    if (!float_tracked(a)) return NULL;
    Tensor *in[1] = {a};
    TapeNode *n = tape_record(I, op, out, 1, in);
    if (!n) *ok = false;
    return n;
}

/* an int or a sequence of ints (shifts, dims) into v[0..*n) */
static bool int_items(Interp *I, Value v, int64_t *out, int *n) {
    int64_t cnt;
    const Value *items;
    if (!seq_items(v, &cnt, &items)) { cnt = 1; items = &v; }
    if (cnt > TENSOR_MAX_DIMS) { err_raise(I, EXC_RuntimeError, "too many dims (at most %d)", TENSOR_MAX_DIMS); return false; }
    for (int64_t k = 0; k < cnt; k++)
        if (!val_as_index(I, items[k], &out[k])) return false;
    *n = (int)cnt;
    return true;
}

/* x rolled by shifts[k] along dims[k]; one dim of -1 rolls the flattened elements (a copy) */
Tensor *ttorch_roll(Interp *I, Tensor *x, int n, const int64_t *shifts, const int64_t *dims) {
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    int64_t N = x->numel;
    for (int64_t i = 0; i < N; i++) {
        int64_t src = 0;
        if (n == 1 && dims[0] < 0) src = ((i - shifts[0]) % N + N) % N;
        else {
            int64_t r = i, mul = 1;
            for (int d = x->ndim - 1; d >= 0; d--) {
                int64_t len = x->shape[d], c = r % len;
                r /= len;
                for (int k = 0; k < n; k++)
                    if (dims[k] == d) c = ((c - shifts[k]) % len + len) % len;
                src += c * mul;
                mul *= len;
            }
        }
        tensor_set(o, i, tensor_get(x, src));
    }
    return o;
}
Value ttorch_m_roll(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("roll", 2, 1, "shifts", "dims");
    Tensor *x = SELF;
    int64_t shifts[TENSOR_MAX_DIMS], dims[TENSOR_MAX_DIMS];
    int ns, nd = 0;
    if (!int_items(I, a[0], shifts, &ns)) return VAL_ERR;
    if (given(a[1]) && !int_items(I, a[1], dims, &nd)) return VAL_ERR;
    if (!given(a[1])) {
        if (ns != 1) return err_raise(I, EXC_RuntimeError, "shifts and dimensions must align. shifts: %d, dims:%d", ns, nd);
        dims[0] = -1;
    } else {
        if (ns != nd) return err_raise(I, EXC_RuntimeError, "shifts and dimensions must align. shifts: %d, dims:%d", ns, nd);
        for (int k = 0; k < nd; k++) {
            int d;
            if (!norm_dim(I, x, dims[k], &d)) return VAL_ERR;
            dims[k] = x->ndim ? d : -1;
        }
    }
    Tensor *o = ttorch_roll(I, x, ns, shifts, dims);
    if (!o) return VAL_ERR;
    bool ok;
    TapeNode *n = record_node(I, OP_ROLL, x, o, &ok);
    if (n) {
        n->ip[0] = ns;
        for (int k = 0; k < ns; k++) { n->ip[1 + 2 * k] = shifts[k]; n->ip[2 + 2 * k] = dims[k]; }
    }
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}

Value ttorch_m_index_select(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("index_select", 2, 2, "dim", "index");
    Tensor *x = SELF;
    int dim;
    if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    if (!want_tensor(I, "index_select", "index", 2, a[1])) return VAL_ERR;
    Tensor *idx = AS_TENSOR(a[1]);
    if (idx->dtype != DT_INT64) return err_raise(I, EXC_RuntimeError, "index_select(): Expected dtype int64 for index");
    if (idx->ndim > 1) return err_raise(I, EXC_IndexError, "index_select(): Index is supposed to be a vector");
    Lanes l = lanes(x, dim);
    for (int64_t k = 0; k < idx->numel; k++) {
        int64_t j = (int64_t)tensor_get(idx, k);
        if (j < 0 || j >= l.len) return err_raise(I, EXC_IndexError, "index out of range in self");
    }
    int64_t sh[TENSOR_MAX_DIMS];
    memcpy(sh, x->shape, sizeof(int64_t) * (size_t)x->ndim);
    if (x->ndim) sh[dim] = idx->numel;
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, sh);
    if (!o) return VAL_ERR;
    Lanes ol = lanes(o, dim);
    for (int64_t ou = 0; ou < l.outer; ou++)
        for (int64_t k = 0; k < ol.len; k++) {
            int64_t j = (int64_t)tensor_get(idx, k);
            for (int64_t in = 0; in < l.inner; in++) tensor_set(o, LANE_AT(ol, ou, k, in), tensor_get(x, LANE_AT(l, ou, j, in)));
        }
    bool ok;
    TapeNode *n = record_node(I, OP_INDEXSELECT, x, o, &ok);
    if (n) { n->ip[0] = dim; ok = tape_save(I, n, 0, idx); }
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}

/* the reduced dims as a bit mask (dim=None or () reduces all, as amax's default) */
static bool dims_mask(Interp *I, Tensor *x, Value v, uint32_t *mask) {
    *mask = 0;
    int64_t ds[TENSOR_MAX_DIMS];
    int n = 0;
    if (given(v) && !int_items(I, v, ds, &n)) return false;
    for (int k = 0; k < n; k++) {
        int d;
        if (!norm_dim(I, x, ds[k], &d)) return false;
        if ((*mask >> d) & 1) { err_raise(I, EXC_RuntimeError, "dim %d appears multiple times in the list of dims", d); return false; }
        *mask |= 1u << d;
    }
    if (!*mask) *mask = x->ndim ? (1u << x->ndim) - 1 : 0;
    return true;
}
/* element i of x's index in the reduction over mask (the reduced dims dropped) */
int64_t ttorch_reduced_index(const Tensor *x, uint32_t mask, int64_t i) {
    int64_t r = i, j = 0, mul = 1;
    for (int d = x->ndim - 1; d >= 0; d--) {
        int64_t c = r % x->shape[d];
        r /= x->shape[d];
        if ((mask >> d) & 1) continue;
        j += c * mul;
        mul *= x->shape[d];
    }
    return j;
}
static int reduced_shape(const Tensor *x, uint32_t mask, bool keepdim, int64_t *sh) {
    int nd = 0;
    for (int d = 0; d < x->ndim; d++) {
        if ((mask >> d) & 1) { if (keepdim) sh[nd++] = 1; }
        else sh[nd++] = x->shape[d];
    }
    return nd;
}
static Tensor *amax_fwd(Interp *I, Tensor *x, uint32_t mask, bool keepdim, bool is_max) {
    int64_t sh[TENSOR_MAX_DIMS];
    int nd = reduced_shape(x, mask, keepdim, sh);
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, nd, sh);
    if (!o) return NULL;
    bool *seen = mem_alloc((size_t)o->numel + 1);
    if (!seen) { TDEC(o); err_nomem(I); return NULL; }
    memset(seen, 0, (size_t)o->numel + 1);
    for (int64_t i = 0; i < x->numel; i++) {
        int64_t j = ttorch_reduced_index(x, mask, i);
        double v = tensor_get(x, i), c = tensor_get(o, j);
        if (!seen[j] || isnan(v) || (!isnan(c) && (is_max ? v > c : v < c))) tensor_set(o, j, v);
        seen[j] = true;
    }
    mem_free(seen, (size_t)o->numel + 1);
    return o;
}
static Value amax_method(Interp *I, bool is_max, int argc, const Value *argv, const KwArgs *kw) {
    const char *fname = is_max ? "amax" : "amin";
    static const char *const names_[] = {"dim", "keepdim"};
    Value a[2];
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, 2, names_, 0, a)) return VAL_ERR;
    Tensor *x = SELF;
    uint32_t mask;
    int keep = given(a[1]) ? val_truth(I, a[1]) : 0;
    if (keep < 0 || !dims_mask(I, x, a[0], &mask)) return VAL_ERR;
    if (x->numel == 0) return err_raise(I, EXC_IndexError, "%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", fname);
    Tensor *o = amax_fwd(I, x, mask, keep, is_max);
    if (!o) return VAL_ERR;
    bool ok;
    TapeNode *n = record_node(I, is_max ? OP_AMAX : OP_AMIN, x, o, &ok);
    if (n) { n->ip[0] = mask; ok = tape_save(I, n, 0, x) && tape_save(I, n, 1, o); }
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}
Value ttorch_m_amax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return amax_method(I, true, argc, argv, kw); }
Value ttorch_m_amin(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return amax_method(I, false, argc, argv, kw); }

/* logsumexp as torch 1.13 computes it: maxes = amax(x, dim, keepdim=True) (infinities set to
 * 0), then log(sum(exp(x - maxes), dim)) + maxes, each step a float kernel of the dtype */
Value ttorch_m_logsumexp(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("logsumexp", 2, 1, "dim", "keepdim");
    Tensor *x = SELF;
    int keep = given(a[1]) ? val_truth(I, a[1]) : 0;
    if (keep < 0) return VAL_ERR;
    int64_t ds[TENSOR_MAX_DIMS];
    int nds;
    if (!int_items(I, a[0], ds, &nds)) return VAL_ERR;
    if (nds != 1) return err_raise(I, EXC_NotImplementedError, "logsumexp over several dims at once is not supported in ag (reduce one dim at a time)");
    int dim;
    if (!norm_dim(I, x, ds[0], &dim)) return VAL_ERR;
    if (!dtype_is_float(x->dtype)) return err_raise(I, EXC_NotImplementedError, "logsumexp of an integer tensor is not supported in ag (convert with .float())");
    uint32_t mask = x->ndim ? 1u << dim : 0;
    bool prev = tape_grad_enabled;
    tape_grad_enabled = false;
    Tensor *mx = amax_fwd(I, x, mask, true, true), *o = NULL;
    Value diff = VAL_ERR, sum = VAL_ERR;
    Tensor *e = NULL, *lg = NULL, *mxs = NULL;
    if (mx) {
        for (int64_t i = 0; i < mx->numel; i++) if (isinf(tensor_get(mx, i))) tensor_set(mx, i, 0);
        diff = tensor_binop(I, BIN_SUB, val_obj(x), val_obj(mx));
    }
    if (!IS_ERR(diff)) e = tensor_unary(I, OP_EXP, AS_TENSOR(diff), 0, 0);
    if (e) {
        Tensor *s = tensor_reduce(I, OP_SUMDIM, e, x->ndim ? dim : -1, keep);
        if (s) sum = tensor_value(s);
    }
    if (!IS_ERR(sum)) lg = tensor_unary(I, OP_LOG, AS_TENSOR(sum), 0, 0);
    if (lg) {
        if (keep || !x->ndim) mxs = tensor_copy(I, mx, mx->dtype);
        else mxs = tensor_squeeze_op(I, mx, dim);
    }
    if (mxs) {
        Value r = tensor_binop(I, BIN_ADD, val_obj(lg), val_obj(mxs));
        if (!IS_ERR(r)) { o = AS_TENSOR(r); o->flavor = FLAVOR_TORCH; }
    }
    tape_grad_enabled = prev;
    TDEC(mx); TDEC(e); TDEC(lg); TDEC(mxs);
    if (!IS_ERR(diff)) val_decref(diff);
    if (!IS_ERR(sum)) val_decref(sum);
    if (!o) return VAL_ERR;
    bool ok;
    TapeNode *n = record_node(I, OP_LOGSUMEXP, x, o, &ok);
    if (n) { n->ip[0] = mask; ok = tape_save(I, n, 0, x) && tape_save(I, n, 1, o); }
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}

/* diag: a 1-D tensor onto the diagonal-th diagonal of a square matrix, or a matrix's diagonal */
Tensor *ttorch_diag(Interp *I, Tensor *x, int64_t k, int out_nd, const int64_t *out_shape) {
    if (x->ndim == 1) {
        int64_t n = x->shape[0] + (k < 0 ? -k : k), sh[2] = {n, n};
        Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, 2, out_nd == 2 ? out_shape : sh);
        if (!o) return NULL;
        int64_t cols = o->shape[1];
        for (int64_t i = 0; i < x->shape[0]; i++) {
            int64_t r = k >= 0 ? i : i - k, c = k >= 0 ? i + k : i;
            if (r < o->shape[0] && c < cols) tensor_set(o, r * cols + c, tensor_get(x, i));
        }
        return o;
    }
    int64_t rows = x->shape[0], cols = x->shape[1];
    int64_t len = k >= 0 ? (cols - k < rows ? cols - k : rows) : (rows + k < cols ? rows + k : cols);
    if (len < 0) len = 0;
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, 1, &len);
    if (!o) return NULL;
    for (int64_t i = 0; i < len; i++) {
        int64_t r = k >= 0 ? i : i - k, c = k >= 0 ? i + k : i;
        tensor_set(o, i, tensor_get(x, r * cols + c));
    }
    return o;
}
Value ttorch_m_diag(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("diag", 1, 0, "diagonal");
    Tensor *x = SELF;
    int64_t k = 0;
    if (given(a[0]) && !val_as_index(I, a[0], &k)) return VAL_ERR;
    if (x->ndim != 1 && x->ndim != 2) return err_raise(I, EXC_RuntimeError, "diag(): Supports 1D or 2D tensors. Got %dD", x->ndim);
    Tensor *o = ttorch_diag(I, x, k, 0, NULL);
    if (!o) return VAL_ERR;
    bool ok;
    TapeNode *n = record_node(I, OP_DIAG, x, o, &ok);
    if (n) n->ip[0] = k;
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}

/* trace: the sum of the main diagonal, accumulated in double for float32 (ATen's acc_type) */
Value ttorch_m_trace(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("trace", 1, 0, "_");
    (void)a;
    Tensor *x = SELF;
    if (x->ndim != 2) return err_raise(I, EXC_RuntimeError, "trace: expected a matrix, but got tensor with dim %d", x->ndim);
    DType dt = dtype_is_float(x->dtype) ? x->dtype : DT_INT64;
    bool np = x->flavor != FLAVOR_TORCH; /* NumPy's a.trace(): a scalar summed in the dtype */
    Tensor *o = tensor_new(I, dt, np ? FLAVOR_NUMPY_SCALAR : FLAVOR_TORCH, 0, NULL);
    if (!o) return VAL_ERR;
    int64_t n = x->shape[0] < x->shape[1] ? x->shape[0] : x->shape[1];
    double s = 0;
    int64_t si = 0;
    for (int64_t i = 0; i < n; i++) {
        if (dt == DT_INT64) si += (int64_t)tensor_get(x, i * x->shape[1] + i);
        else if (np && dt == DT_FLOAT32) s = (float)s + (float)tensor_get(x, i * x->shape[1] + i);
        else s += tensor_get(x, i * x->shape[1] + i);
    }
    tensor_set(o, 0, dt == DT_INT64 ? (double)si : s);
    bool ok;
    record_node(I, OP_TRACE, x, o, &ok);
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}

/* unbind(dim=0): the slices along dim as a tuple; each a select view whose node torch names
 * UnbindBackward0 (its backward is select's) */
Value ttorch_m_unbind(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("unbind", 1, 0, "dim");
    Tensor *x = SELF;
    if (x->ndim == 0) return err_raise(I, EXC_IndexError, "Dimension specified as 0 but tensor has no dimensions");
    int dim;
    if (!dim_arg(I, x, a[0], 0, &dim)) return VAL_ERR;
    Tuple *t = tuple_new(I, x->shape[dim]);
    if (!t) return VAL_ERR;
    Tuple *key = tuple_new(I, dim + 1); /* x[:, ..., :, i] */
    if (!key) { obj_decref(&t->h); return VAL_ERR; }
    for (int d = 0; d < dim; d++) {
        Slice *all = slice_new(I, VAL_NONE, VAL_NONE, VAL_NONE);
        if (!all) { obj_decref(&key->h); obj_decref(&t->h); return VAL_ERR; }
        key->items[d] = val_obj(all);
    }
    for (int64_t i = 0; i < x->shape[dim]; i++) {
        key->items[dim] = val_int(i);
        Value s = tensor_class.getitem(I, argv[0], val_obj(key));
        if (IS_ERR(s)) { obj_decref(&key->h); obj_decref(&t->h); return s; }
        Tensor *st = AS_TENSOR(s);
        if (st->grad_fn && st->grad_fn->op == OP_SELECT) st->grad_fn->op = OP_UNBIND;
        t->items[i] = s;
    }
    obj_decref(&key->h);
    return val_obj(t);
}
VIA_SELF(t_roll, ttorch_m_roll, "roll")
VIA_SELF(t_index_select, ttorch_m_index_select, "index_select")
VIA_SELF(t_amax, ttorch_m_amax, "amax")
VIA_SELF(t_amin, ttorch_m_amin, "amin")
VIA_SELF(t_logsumexp, ttorch_m_logsumexp, "logsumexp")
VIA_SELF(t_diag, ttorch_m_diag, "diag")
VIA_SELF(t_trace, ttorch_m_trace, "trace")
VIA_SELF(t_unbind, ttorch_m_unbind, "unbind")

/* ---- inverse / det -------------------------------------------------------------------------- */
/* torch 1.13 hands the row-major matrix to LAPACK as it lies in memory, i.e. it factors M = A^T
 * (column-major) with getrf, then inverts by getrs with trans='T' on the identity, and takes
 * det as sign * the product of U's diagonal in order. Reference LAPACK's sgetrf2 / sgetrs
 * (what Debian's torch links) in the dtype's arithmetic: the first largest |value| pivots, the
 * column below is scaled by the pivot's reciprocal, updates apply in pivot order. m is n x n
 * with m[i * n + j] = M(i, j); perm[i] is the original row now at i. Returns the number of
 * swaps, or -(k + 1) for the first zero pivot k (singular). */
#define DEF_LINALG(T, SUF)                                                                          \
static int64_t lu_##SUF(T *m, int64_t *perm, int64_t n) {                                           \
    int64_t swaps = 0, zero = -1;                                                                   \
    for (int64_t i = 0; i < n; i++) perm[i] = i;                                                    \
    for (int64_t k = 0; k < n; k++) {                                                               \
        int64_t p = k;                                                                              \
        for (int64_t i = k + 1; i < n; i++) if (fabs((double)m[i * n + k]) > fabs((double)m[p * n + k])) p = i; \
        if (p != k) {                                                                               \
            for (int64_t j = 0; j < n; j++) { T t = m[k * n + j]; m[k * n + j] = m[p * n + j]; m[p * n + j] = t; } \
            int64_t t = perm[k]; perm[k] = perm[p]; perm[p] = t;                                    \
            swaps++;                                                                                \
        }                                                                                           \
        T pv = m[k * n + k];                                                                        \
        if (pv == 0) { if (zero < 0) zero = k; continue; }                                          \
        T r = (T)1 / pv;                                                                            \
        for (int64_t i = k + 1; i < n; i++) m[i * n + k] = m[i * n + k] * r;                        \
        for (int64_t j = k + 1; j < n; j++) {                                                       \
            T u = m[k * n + j];                                                                     \
            if (u != 0) for (int64_t i = k + 1; i < n; i++) m[i * n + j] = m[i * n + j] - m[i * n + k] * u; \
        }                                                                                           \
    }                                                                                               \
    return zero >= 0 ? -(zero + 1) : swaps;                                                         \
}                                                                                                   \
/* getrs trans='T': M^T X = I, X written to x (row-major) */                                        \
static void inv_solve_##SUF(const T *m, const int64_t *perm, int64_t n, T *b, T *x) {              \
    for (int64_t i = 0; i < n * n; i++) b[i] = 0;                                                   \
    for (int64_t i = 0; i < n; i++) b[i * n + i] = 1;                                               \
    for (int64_t j = 0; j < n; j++) {                                                               \
        for (int64_t i = 0; i < n; i++) { /* U^T y = b */                                          \
            T t = b[i * n + j];                                                                     \
            for (int64_t k = 0; k < i; k++) t = t - m[k * n + i] * b[k * n + j];                    \
            b[i * n + j] = t / m[i * n + i];                                                        \
        }                                                                                           \
        for (int64_t i = n - 1; i >= 0; i--) { /* L^T z = y (unit diagonal) */                      \
            T t = b[i * n + j];                                                                     \
            for (int64_t k = i + 1; k < n; k++) t = t - m[k * n + i] * b[k * n + j];                \
            b[i * n + j] = t;                                                                       \
        }                                                                                           \
    }                                                                                               \
    for (int64_t i = 0; i < n; i++) for (int64_t j = 0; j < n; j++) x[perm[i] * n + j] = b[i * n + j]; \
}
DEF_LINALG(float, f)
DEF_LINALG(double, d)

static bool square_arg(Interp *I, Tensor *x, const char *fname) {
    if (x->ndim < 2) { err_raise(I, EXC_RuntimeError, "%s: The input tensor A must have at least 2 dimensions.", fname); return false; }
    if (x->ndim > 2) { err_raise(I, EXC_NotImplementedError, "%s: ag handles one matrix, not a batch", fname); return false; }
    if (x->shape[0] != x->shape[1]) {
        err_raise(I, EXC_RuntimeError, "%s: A must be batches of square matrices, but they are %lld by %lld matrices", fname, (long long)x->shape[0], (long long)x->shape[1]);
        return false;
    }
    if (!dtype_is_float(x->dtype)) { err_raise(I, EXC_RuntimeError, "%s: Expected a floating point or complex tensor as input. Got %s", fname, torch_word[x->dtype]); return false; }
    return true;
}

/* inverse (want_inv) or det of a square float matrix; NULL with an error pending */
Tensor *ttorch_inv_det(Interp *I, Tensor *x, bool want_inv) {
    int64_t n = x->shape[0], nn = n * n, sh[2] = {n, n};
    bool f32 = x->dtype == DT_FLOAT32;
    /* one block: perm (int64, first to stay aligned), then M, the work matrix and the result */
    size_t es = f32 ? sizeof(float) : sizeof(double), pb = sizeof(int64_t) * (size_t)(n + 1), bytes = pb + es * (size_t)(3 * nn + 1);
    char *buf = mem_alloc(bytes);
    if (!buf) { err_nomem(I); return NULL; }
    int64_t *perm = (int64_t *)buf;
    void *m = buf + pb, *b = buf + pb + es * (size_t)nn, *xo = buf + pb + 2 * es * (size_t)nn;
    for (int64_t i = 0; i < n; i++) /* M = A^T */
        for (int64_t j = 0; j < n; j++) {
            double v = tensor_get(x, j * n + i);
            if (f32) ((float *)m)[i * n + j] = (float)v; else ((double *)m)[i * n + j] = v;
        }
    int64_t info = f32 ? lu_f(m, perm, n) : lu_d(m, perm, n);
    Tensor *o = NULL;
    if (want_inv) {
        if (info < 0)
            err_raise(I, EXC_RuntimeError, "linalg.inv: The diagonal element %lld is zero, the inversion could not be completed because the input matrix is singular.", (long long)-info);
        else {
            if (f32) inv_solve_f(m, perm, n, b, xo); else inv_solve_d(m, perm, n, b, xo);
            o = tensor_new(I, x->dtype, FLAVOR_TORCH, 2, sh);
            for (int64_t i = 0; o && i < nn; i++) tensor_set(o, i, f32 ? ((float *)xo)[i] : ((double *)xo)[i]);
        }
    } else {
        /* lu_det_P(pivots) * prod(diagonal): the sign from the swaps (one LAPACK pivot per row) */
        int64_t swaps = 0;
        for (int64_t i = 0; i < n; i++) /* count transpositions of perm */
            for (int64_t j = i; j < n; j++) if (perm[j] == i && j != i) { int64_t t = perm[i]; perm[i] = perm[j]; perm[j] = t; swaps++; break; }
        o = tensor_new(I, x->dtype, FLAVOR_TORCH, 0, NULL);
        if (o) {
            if (f32) { float p = 1; for (int64_t i = 0; i < n; i++) p = p * ((float *)m)[i * n + i]; tensor_set(o, 0, swaps % 2 ? -p : p); }
            else { double p = 1; for (int64_t i = 0; i < n; i++) p = p * ((double *)m)[i * n + i]; tensor_set(o, 0, swaps % 2 ? -p : p); }
        }
    }
    mem_free(buf, bytes);
    return o;
}
static Value inv_det(Interp *I, Tensor *x, bool want_inv) {
    if (!square_arg(I, x, want_inv ? "linalg.inv" : "linalg.det")) return VAL_ERR;
    Tensor *o = ttorch_inv_det(I, x, want_inv);
    if (!o) return VAL_ERR;
    bool ok;
    TapeNode *n = record_node(I, want_inv ? OP_INVERSE : OP_DET, x, o, &ok);
    if (n) ok = tape_save(I, n, 0, x) && tape_save(I, n, 1, o);
    if (!ok) { TDEC(o); return VAL_ERR; }
    return tensor_value(o);
}
Value ttorch_m_inverse(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("inverse", 1, 0, "_");
    (void)a;
    return inv_det(I, SELF, true);
}
Value ttorch_m_det(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("det", 1, 0, "_");
    (void)a;
    return inv_det(I, SELF, false);
}
VIA_SELF(t_inverse, ttorch_m_inverse, "inverse")
VIA_SELF(t_det, ttorch_m_det, "det")

/* ---- random: normal, randperm, the Generator ------------------------------------------------ */
/* A Generator: torch.manual_seed's result is the default generator (state NULL: the live one);
 * torch.Generator() makes one with its own state, swapped in by the calls given generator=. */
typedef struct { Obj h; void *state; } Generator;
static void generator_free(Obj *o) {
    Generator *g = (Generator *)o;
    if (g->state) mem_free(g->state, rng_torch_state_size());
    obj_dealloc(o, sizeof(Generator));
}
static bool generator_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<torch._C.Generator object at %p>", (void *)AS_OBJ(self));
    return true;
}
static void gen_swap(Value self) {
    Generator *g = (Generator *)AS_OBJ(self);
    if (g->state) rng_torch_swap(g->state);
}
static Value gen_initial_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "initial_seed", argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    gen_swap(argv[0]);
    uint64_t s = rng_torch_initial_seed();
    gen_swap(argv[0]);
    return val_int((int64_t)s);
}
static Value gen_manual_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"seed"};
    Value a[1];
    if (!nat_args(I, "manual_seed", argc - 1, argv + 1, kw, 1, names, 1, a)) return VAL_ERR;
    int64_t s;
    if (!val_as_index(I, a[0], &s)) return VAL_ERR;
    gen_swap(argv[0]);
    rng_torch_seed((uint64_t)s);
    gen_swap(argv[0]);
    return val_incref(argv[0]);
}
static const MethodDef generator_methods[] = {
    {"manual_seed", gen_manual_seed, "manual_seed(seed)", "Reseed this generator; returns the generator."},
    {"initial_seed", gen_initial_seed, "initial_seed()", "The seed the generator was last seeded with."},
    {NULL, NULL, NULL, NULL},
};
static const ObjClass generator_class = {
    .name = "torch._C.Generator", .free = generator_free, .repr = generator_repr, .methods = generator_methods,
};
Value ttorch_generator_new(Interp *I) {
    Generator *g = obj_new(I, &generator_class, sizeof(Generator));
    if (!g) return VAL_ERR;
    g->state = NULL;
    return val_obj(g);
}
/* torch.Generator(device='cpu'): a generator of its own, seeded as a fresh one (67280421310721) */
static Value t_Generator(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("Generator", 1, 0, "device");
    Generator *g = obj_new(I, &generator_class, sizeof(Generator));
    if (!g) return VAL_ERR;
    g->state = mem_alloc(rng_torch_state_size());
    if (!g->state) { obj_decref(&g->h); return err_nomem(I), VAL_ERR; }
    rng_torch_state_init(g->state);
    return val_obj(g);
}
/* generator= of a random function: None/absent (the default), or a Generator whose state is
 * swapped in before the draws and out after (call twice); false with a TypeError otherwise */
bool ttorch_gen_swap(Interp *I, const char *fname, Value gen) {
    if (IS_UNDEF(gen) || IS_NONE(gen)) return true;
    if (!IS_A(gen, generator_class)) {
        err_raise(I, EXC_TypeError, "%s(): argument 'generator' must be torch.Generator, not %s", fname, val_type_name(gen));
        return false;
    }
    gen_swap(gen);
    return true;
}

/* torch.normal(mean, std, size): normal_ scaled and shifted in the output's dtype, as torch's
 * normal_fill (the 16-wide AVX2 path fuses the multiply-add) and its scalar path (double);
 * a tensor mean or std: randn of the broadcast shape, then * std + mean. */
static Value t_normal(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("normal", 7, 2, "mean", "std", "size", "generator", "dtype", "requires_grad", "device");
    if (IS_TENSOR(a[0]) || IS_TENSOR(a[1])) {
        Tensor *m = IS_TENSOR(a[0]) ? AS_TENSOR(a[0]) : NULL, *s = IS_TENSOR(a[1]) ? AS_TENSOR(a[1]) : NULL;
        Tensor *ref = m ? m : s;
        Tensor *z = tensor_new(I, dtype_is_float(ref->dtype) ? ref->dtype : DT_FLOAT32, FLAVOR_TORCH,
                               m && s && s->numel > m->numel ? s->ndim : ref->ndim,
                               m && s && s->numel > m->numel ? s->shape : ref->shape);
        if (!z) return VAL_ERR;
        rng_torch_normal(z);
        Value zs = tensor_binop(I, BIN_MUL, val_obj(z), a[1]);
        TDEC(z);
        if (IS_ERR(zs)) return zs;
        Value r = tensor_binop(I, BIN_ADD, zs, a[0]);
        val_decref(zs);
        if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "normal() received an invalid combination of arguments");
        return r;
    }
    if (!IS_NUM(a[0]) || !IS_NUM(a[1]))
        return err_raise(I, EXC_TypeError, "normal() received an invalid combination of arguments - got (%s, %s)", val_type_name(a[0]), val_type_name(a[1]));
    if (!given(a[2])) return err_raise(I, EXC_TypeError, "normal() missing 1 required positional arguments: \"size\"");
    double mean = num(a[0]), std = num(a[1]);
    if (std < 0) return err_raise(I, EXC_RuntimeError, "normal expects std >= 0.0, but found std %g", std);
    int nd = 0;
    int64_t sh[TENSOR_MAX_DIMS];
    int64_t n;
    const Value *items;
    if (!seq_items(tensor_size_tuple(a[2]), &n, &items))
        return err_raise(I, EXC_TypeError, "normal(): argument 'size' must be tuple of ints, not %s", val_type_name(a[2]));
    if (n > TENSOR_MAX_DIMS) return err_raise(I, EXC_ValueError, "too many dimensions (at most %d)", TENSOR_MAX_DIMS);
    for (int64_t k = 0; k < n; k++) if (!val_as_index(I, items[k], &sh[nd++])) return VAL_ERR;
    DType dt = DT_FLOAT32;
    if (given(a[4]) && !value_as_dtype(a[4], &dt)) return err_raise(I, EXC_TypeError, "normal(): argument 'dtype' must be torch.dtype, not %s", val_type_name(a[4]));
    int64_t cnt;
    if (!tensor_check_size(I, nd, sh, &cnt)) return VAL_ERR;
    Tensor *t = tensor_new(I, dt, FLAVOR_TORCH, nd, sh);
    if (!t) return VAL_ERR;
    if (!ttorch_gen_swap(I, "normal", a[3])) { TDEC(t); return VAL_ERR; }
    rng_torch_normal_scaled(t, mean, std);
    ttorch_gen_swap(I, "normal", a[3]);
    if (given(a[5])) {
        int b = val_truth(I, a[5]);
        if (b < 0) { TDEC(t); return VAL_ERR; }
        t->requires_grad = b;
    }
    return val_obj(t);
}

/* t.normal_(mean, std) and t.uniform_(from, to): refill in place from torch's generator */
static Value refill(Interp *I, const char *fname, bool normal, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const nnames[] = {"mean", "std", "generator"}, *const unames[] = {"from", "to", "generator"};
    Value a[3];
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, 3, normal ? nnames : unames, 0, a)) return VAL_ERR;
    Tensor *t = SELF;
    if (!inplace_ok(I, t, fname)) return VAL_ERR;
    if (!dtype_is_float(t->dtype)) return err_raise(I, EXC_RuntimeError, "\"%s\" not implemented for '%s'", normal ? "normal_kernel_cpu" : "check_uniform_bounds", torch_word[t->dtype]);
    double p = given(a[0]) ? num(a[0]) : 0, q = given(a[1]) ? num(a[1]) : 1;
    if (normal && q < 0) return err_raise(I, EXC_RuntimeError, "normal expects std >= 0.0, but found std %g", q);
    Tensor *c = tensor_new(I, t->dtype, FLAVOR_TORCH, t->ndim, t->shape);
    if (!c) return VAL_ERR;
    if (normal) rng_torch_normal_scaled(c, p, q);
    else {
        rng_torch_uniform(c); /* from + u * (to - from), fused as torch's uniform_ kernel */
        for (int64_t i = 0; i < c->numel; i++) {
            double u = tensor_get(c, i);
            tensor_set(c, i, c->dtype == DT_FLOAT32 ? (double)fmaf((float)u, (float)q - (float)p, (float)p) : fma(u, q - p, p));
        }
    }
    bool ok = tensor_assign(I, t, c);
    TDEC(c);
    return ok ? val_incref(argv[0]) : VAL_ERR;
}
Value ttorch_m_normal_(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return refill(I, "normal_", true, argc, argv, kw); }
Value ttorch_m_uniform_(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return refill(I, "uniform_", false, argc, argv, kw); }

/* torch.multinomial(input, num_samples, replacement=False, generator=None), torch 1.13's CPU
 * kernel: without replacement, topk of p / q with q ~ Exp(1) drawn
 * element by element (-log(1 - u) in double, stored in p's dtype); with replacement, each row's
 * running sum in p's dtype normalised by its total, the last bucket set to 1, then a binary
 * search per uniform double. */
static Value t_multinomial(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("multinomial", 4, 2, "input", "num_samples", "replacement", "generator");
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "multinomial(): argument 'input' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    Tensor *p = AS_TENSOR(a[0]);
    int64_t ns;
    if (!val_as_index(I, a[1], &ns)) return VAL_ERR;
    int rep = given(a[2]) ? val_truth(I, a[2]) : 0;
    if (rep < 0) return VAL_ERR;
    if (p->ndim < 1 || p->ndim > 2) return err_raise(I, EXC_RuntimeError, "prob_dist must be 1 or 2 dim");
    if (!dtype_is_float(p->dtype)) return err_raise(I, EXC_RuntimeError, "multinomial only supports floating-point dtypes for input, got: %s", torch_word[p->dtype]);
    int64_t ncat = p->shape[p->ndim - 1], rows = p->ndim == 2 ? p->shape[0] : 1;
    if (ns <= 0) return err_raise(I, EXC_RuntimeError, "cannot sample n_sample <= 0 samples");
    if (!rep && ns > ncat) return err_raise(I, EXC_RuntimeError, "cannot sample n_sample > prob_dist.size(-1) samples without replacement");
    bool f32 = p->dtype == DT_FLOAT32;
    for (int64_t r = 0; r < rows; r++) {
        double sum = 0;
        for (int64_t j = 0; j < ncat; j++) {
            double v = tensor_get(p, r * ncat + j);
            if (!(v >= 0) || isinf(v)) return err_raise(I, EXC_RuntimeError, "probability tensor contains either `inf`, `nan` or element < 0");
            sum += v;
        }
        if (!(sum > 0)) return err_raise(I, EXC_RuntimeError, "invalid multinomial distribution (sum of probabilities <= 0)");
    }
    int64_t osh[2] = {rows, ns};
    Tensor *o = p->ndim == 2 ? tensor_new(I, DT_INT64, FLAVOR_TORCH, 2, osh) : tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &ns);
    if (!o) return VAL_ERR;
    int64_t *out = o->storage->data;
    double *key = mem_alloc((size_t)(rows * ncat) * sizeof(double));
    if (!key) { TDEC(o); return err_nomem(I), VAL_ERR; }
    if (!ttorch_gen_swap(I, "multinomial", a[3])) { mem_free(key, (size_t)(rows * ncat) * sizeof(double)); TDEC(o); return VAL_ERR; }
    if (!rep) {
        for (int64_t i = 0; i < rows * ncat; i++) {
            double q = -1.0 / 1.0 * log(1.0 - rng_torch_double());
            double pv = tensor_get(p, i);
            key[i] = f32 ? (double)((float)pv / (float)q) : pv / q;
        }
        for (int64_t r = 0; r < rows; r++) {
            double *k = key + r * ncat;
            for (int64_t s = 0; s < ns; s++) { /* the s-th largest, the lowest index among equals */
                int64_t best = -1;
                for (int64_t j = 0; j < ncat; j++) {
                    bool taken = false;
                    for (int64_t t = 0; t < s && !taken; t++) taken = out[r * ns + t] == j;
                    if (!taken && (best < 0 || k[j] > k[best])) best = j;
                }
                out[r * ns + s] = best;
            }
        }
    } else {
        for (int64_t r = 0; r < rows; r++) {
            double *cum = key + r * ncat;
            float sf = 0;
            double sd = 0;
            for (int64_t j = 0; j < ncat; j++) {
                double v = tensor_get(p, r * ncat + j);
                if (f32) { sf += (float)v; cum[j] = sf; } else { sd += v; cum[j] = sd; }
            }
            for (int64_t j = 0; j < ncat; j++) cum[j] = f32 ? (double)((float)cum[j] / sf) : cum[j] / sd;
            cum[ncat - 1] = 1;
            for (int64_t s = 0; s < ns; s++) {
                double u = rng_torch_double();
                int64_t lo = 0, hi = ncat;
                while (hi - lo > 0) {
                    int64_t mid = lo + (hi - lo) / 2;
                    if (cum[mid] < u) lo = mid + 1;
                    else hi = mid;
                }
                out[r * ns + s] = lo;
            }
        }
    }
    ttorch_gen_swap(I, "multinomial", a[3]);
    mem_free(key, (size_t)(rows * ncat) * sizeof(double));
    return val_obj(o);
}

/* torch.set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
 * profile=None, sci_mode=None): a profile first, then each option given; sci_mode is always
 * set (None: chosen per tensor again), as torch/_tensor_str.py does */
static Value t_set_printoptions(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("set_printoptions", 6, 0, "precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode");
    TensorTorchPrintOptions *o = tensor_torch_printoptions(), n = *o;
    if (given(a[4])) {
        const char *p = IS_A(a[4], str_class) ? str_cstr((Str *)AS_OBJ(a[4])) : "";
        if (!strcmp(p, "default")) { n.precision = 4; n.threshold = 1000; n.edgeitems = 3; n.linewidth = 80; }
        else if (!strcmp(p, "short")) { n.precision = 2; n.threshold = 1000; n.edgeitems = 2; n.linewidth = 80; }
        else if (!strcmp(p, "full")) { n.precision = 4; n.threshold = INT64_MAX; n.edgeitems = 3; n.linewidth = 80; }
    }
    int64_t v;
    if (given(a[0])) { if (!val_as_index(I, a[0], &v)) return VAL_ERR; n.precision = (int)(v < 0 ? 0 : v > 60 ? 60 : v); }
    if (given(a[1])) {
        if (IS_FLOAT(a[1]) && a[1].as.f >= 9.2e18) n.threshold = INT64_MAX;
        else if (IS_FLOAT(a[1])) n.threshold = (int64_t)a[1].as.f;
        else if (!val_as_index(I, a[1], &n.threshold)) return VAL_ERR;
    }
    if (given(a[2])) { if (!val_as_index(I, a[2], &v)) return VAL_ERR; n.edgeitems = (int)(v < 0 ? 0 : v > 1000000 ? 1000000 : v); }
    if (given(a[3])) { if (!val_as_index(I, a[3], &v)) return VAL_ERR; n.linewidth = (int)(v < 0 ? 0 : v > 1000000 ? 1000000 : v); }
    n.sci_mode = -1;
    if (given(a[5])) {
        int b = val_truth(I, a[5]);
        if (b < 0) return VAL_ERR;
        n.sci_mode = b;
    }
    *o = n;
    return VAL_NONE;
}

static Value t_randperm(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    FARGS("randperm", 5, 1, "n", "generator", "dtype", "requires_grad", "device");
    int64_t n;
    if (!val_as_index(I, a[0], &n)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_RuntimeError, "n must be non-negative, got%lld", (long long)n);
    DType dt = DT_INT64;
    if (given(a[2]) && !value_as_dtype(a[2], &dt)) return err_raise(I, EXC_TypeError, "randperm(): argument 'dtype' must be torch.dtype, not %s", val_type_name(a[2]));
    int64_t sh[1] = {n}, cnt;
    if (!tensor_check_size(I, 1, sh, &cnt)) return VAL_ERR;
    Tensor *t = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, sh);
    if (!t) return VAL_ERR;
    if (!ttorch_gen_swap(I, "randperm", a[1])) { TDEC(t); return VAL_ERR; }
    rng_torch_randperm(t);
    ttorch_gen_swap(I, "randperm", a[1]);
    if (dt != DT_INT64) {
        Tensor *c = tensor_copy(I, t, dt);
        TDEC(t);
        if (!c) return VAL_ERR;
        c->flavor = FLAVOR_TORCH;
        t = c;
    }
    return val_obj(t);
}

const MethodDef ttorch_defs[] = {
    {"where", t_where, "where(condition, input, other)", "input where condition is True, else other (broadcast)."},
    {"masked_fill", t_masked_fill, "masked_fill(input, mask, value)", "A copy of input with value wherever mask is True."},
    {"gather", t_gather, "gather(input, dim, index)", "Pick input's elements along dim at index (out[i][j] = input[i][index[i][j]] for dim=1)."},
    {"cumsum", t_cumsum, "cumsum(input, dim)", "Running sum along dim."},
    {"cumprod", t_cumprod, "cumprod(input, dim)", "Running product along dim."},
    {"prod", t_prod, "prod(input, dim=None, keepdim=False)", "Product of all elements, or along dim."},
    {"flip", t_flip, "flip(input, dims)", "Reverse the order of elements along dims (a copy)."},
    {"roll", t_roll, "roll(input, shifts, dims=None)", "Shift elements along dims, wrapping around (without dims: over the flattened tensor)."},
    {"index_select", t_index_select, "index_select(input, dim, index)", "The slices at the int64 indices along dim (a copy)."},
    {"amax", t_amax, "amax(input, dim=(), keepdim=False)", "The maximum over dims (all by default); ties share the gradient."},
    {"amin", t_amin, "amin(input, dim=(), keepdim=False)", "The minimum over dims (all by default); ties share the gradient."},
    {"logsumexp", t_logsumexp, "logsumexp(input, dim, keepdim=False)", "log(sum(exp(x))) along dim, computed stably."},
    {"diag", t_diag, "diag(input, diagonal=0)", "A vector as a diagonal matrix, or a matrix's diagonal."},
    {"trace", t_trace, "trace(input)", "The sum of a matrix's main diagonal."},
    {"unbind", t_unbind, "unbind(input, dim=0)", "The slices along dim as a tuple of tensors."},
    {"inverse", t_inverse, "inverse(input)", "The inverse of a square matrix (LU with partial pivoting, as LAPACK)."},
    {"det", t_det, "det(input)", "The determinant of a square matrix (from its LU factors)."},
    {"fliplr", t_fliplr, "fliplr(input)", "Reverse the columns (dim 1)."},
    {"flipud", t_flipud, "flipud(input)", "Reverse the rows (dim 0)."},
    {"sort", t_sort, "sort(input, dim=-1, descending=False)", "Sorted values and their indices along dim."},
    {"argsort", t_argsort, "argsort(input, dim=-1, descending=False)", "The indices that sort input along dim."},
    {"topk", t_topk, "topk(input, k, dim=-1, largest=True, sorted=True)", "The k largest (or smallest) values and their indices."},
    {"split", t_split, "split(tensor, split_size_or_sections, dim=0)", "Views of pieces of the given size(s) along dim."},
    {"chunk", t_chunk, "chunk(input, chunks, dim=0)", "Views of (at most) chunks equal pieces along dim."},
    {"isclose", t_isclose, "isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)", "Elementwise |input - other| <= atol + rtol * |other|."},
    {"allclose", t_allclose, "allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)", "True if every element isclose."},
    {"div", t_div, "div(input, other, rounding_mode=None)", "input / other; rounding_mode 'trunc' or 'floor' rounds the quotient."},
    {"fmod", t_fmod, "fmod(input, other)", "Remainder with the sign of input (C's fmod)."},
    {"remainder", t_remainder, "remainder(input, other)", "Remainder with the sign of other (Python's %)."},
    {"floor_divide", t_floor_divide, "floor_divide(input, other)", "input // other."},
    {"clip", t_clip, "clip(input, min=None, max=None)", "Alias of clamp."},
    {"normal", t_normal, "normal(mean, std, size=None)", "Normal random numbers with the given mean and standard deviation."},
    {"randperm", t_randperm, "randperm(n, generator=None)", "A random permutation of 0 .. n-1."},
    {"multinomial", t_multinomial, "multinomial(input, num_samples, replacement=False, generator=None)", "Indices drawn with the given (unnormalised) probabilities."},
    {"set_printoptions", t_set_printoptions, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)", "How tensors print: digits after the point, summarising, line width, scientific notation."},
    {"scatter", t_scatter, "scatter(input, dim, index, src)", "A copy of input with src's values put at index along dim."},
    {"scatter_add", t_scatter_add, "scatter_add(input, dim, index, src)", "A copy of input with src's values added at index along dim."},
    {"Generator", t_Generator, "Generator(device='cpu')", "A random generator with its own state (pass it as generator=)."},
    {"tril", t_tril, "tril(input, diagonal=0)", "The lower triangle (the rest zero) of the last two dims."},
    {"triu", t_triu, "triu(input, diagonal=0)", "The upper triangle (the rest zero) of the last two dims."},
    {"narrow", t_narrow, "narrow(input, dim, start, length)", "The view input[..., start:start+length, ...] along dim."},
    {"round", t_round, "round(input, decimals=0)", "Round to the nearest integer (halves to even), or to decimals places."},
    {"floor", t_floor, "floor(input)", "Largest integer <= x, elementwise."},
    {"ceil", t_ceil, "ceil(input)", "Smallest integer >= x, elementwise."},
    {"trunc", t_trunc, "trunc(input)", "x rounded toward zero, elementwise."},
    {"sign", t_sign, "sign(input)", "-1, 0 or 1 by the sign of x."},
    {"reciprocal", t_reciprocal, "reciprocal(input)", "1 / x, elementwise."},
    {"rsqrt", t_rsqrt, "rsqrt(input)", "1 / sqrt(x), elementwise."},
    {"log10", t_log10, "log10(input)", "Base-10 logarithm, elementwise."},
    {"log2", t_log2, "log2(input)", "Base-2 logarithm, elementwise."},
    {"log1p", t_log1p, "log1p(input)", "log(1 + x), accurate for small x."},
    {"expm1", t_expm1, "expm1(input)", "exp(x) - 1, accurate for small x."},
    {"exp2", t_exp2, "exp2(input)", "2 ** x, elementwise."},
    {"square", t_square, "square(input)", "x ** 2, elementwise."},
    {"median", t_median, "median(input, dim=None, keepdim=False)", "The middle value (the lower one for an even count); with dim, (values, indices)."},
    {"nonzero", t_nonzero, "nonzero(input, as_tuple=False)", "The indices of the non-zero elements, one row each."},
    {"count_nonzero", t_count_nonzero, "count_nonzero(input)", "How many elements are non-zero."},
    {"unique", t_unique, "unique(input, sorted=True, return_inverse=False, return_counts=False)", "The distinct values, sorted."},
    {"is_floating_point", t_is_floating_point, "is_floating_point(input)", "True for float32 and float64 tensors."},
    {NULL, NULL, NULL, NULL},
};
