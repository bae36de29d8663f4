/* tensor_lib.c — the native module "_tensor" (prefix tlib_): creation functions, math
 * functions, dtypes, grad mode and random numbers that stdlib/torch.ag and stdlib/numpy.ag
 * re-export under torch's and NumPy's names. Functions named np_* make NumPy arrays and
 * accept Python lists and numbers where NumPy does. */
#include <math.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

#define TDEC(t) do { if (t) val_decref(val_obj(t)); } while (0)

static bool is_seq(Value v) { return IS_A(v, list_class) || IS_A(v, tuple_class); }

/* the tensor argument of a function: torch requires a Tensor; numpy converts */
static Tensor *arg_tensor(Interp *I, const char *fname, Value v, int flavor) {
    if (IS_TENSOR(v)) {
        Tensor *t = AS_TENSOR(v);
        obj_incref(&t->h);
        return t;
    }
    if (flavor == FLAVOR_TORCH) {
        err_raise(I, EXC_TypeError, "%s(): argument 'input' (position 1) must be Tensor, not %s", fname, val_type_name(v));
        return NULL;
    }
    Tensor *t = tensor_from_value(I, v, -1, FLAVOR_NUMPY);
    if (t && t->ndim == 0) t->flavor = FLAVOR_NUMPY_SCALAR;
    return t;
}

/* call a Tensor method with the converted first argument */
static Value via_method(Interp *I, const char *fname, const char *method, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1) return err_raise(I, EXC_TypeError, "%s() missing 1 required positional argument: 'input'", fname);
    Tensor *t = arg_tensor(I, fname, argv[0], flavor);
    if (!t) return VAL_ERR;
    Value args[8];
    if (argc > 8) { TDEC(t); return err_raise(I, EXC_TypeError, "%s() takes at most 7 arguments", fname); }
    args[0] = val_obj(t);
    for (int i = 1; i < argc; i++) args[i] = argv[i];
    Value r = tensor_call_method(I, method, argc, args, kw);
    TDEC(t);
    return r;
}

#define VIA(fn, name, method, flavor) \
    static Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return via_method(I, name, method, flavor, argc, argv, kw); }
VIA(t_exp, "exp", "exp", FLAVOR_TORCH)
VIA(t_log, "log", "log", FLAVOR_TORCH)
VIA(t_sqrt, "sqrt", "sqrt", FLAVOR_TORCH)
VIA(t_abs, "abs", "abs", FLAVOR_TORCH)
VIA(t_sin, "sin", "sin", FLAVOR_TORCH)
VIA(t_cos, "cos", "cos", FLAVOR_TORCH)
VIA(t_tanh, "tanh", "tanh", FLAVOR_TORCH)
VIA(t_sigmoid, "sigmoid", "sigmoid", FLAVOR_TORCH)
VIA(t_relu, "relu", "relu", FLAVOR_TORCH)
VIA(t_clamp, "clamp", "clamp", FLAVOR_TORCH)
VIA(t_sum, "sum", "sum", FLAVOR_TORCH)
VIA(t_mean, "mean", "mean", FLAVOR_TORCH)
VIA(t_max, "max", "max", FLAVOR_TORCH)
VIA(t_min, "min", "min", FLAVOR_TORCH)
VIA(t_argmax, "argmax", "argmax", FLAVOR_TORCH)
VIA(t_argmin, "argmin", "argmin", FLAVOR_TORCH)
VIA(t_dot, "dot", "dot", FLAVOR_TORCH)
VIA(t_matmul, "matmul", "matmul", FLAVOR_TORCH)
VIA(t_mm, "mm", "mm", FLAVOR_TORCH)
VIA(t_transpose, "transpose", "transpose", FLAVOR_TORCH)
VIA(t_reshape, "reshape", "reshape", FLAVOR_TORCH)
VIA(t_flatten, "flatten", "flatten", FLAVOR_TORCH)
VIA(t_squeeze, "squeeze", "squeeze", FLAVOR_TORCH)
VIA(t_unsqueeze, "unsqueeze", "unsqueeze", FLAVOR_TORCH)
VIA(t_t, "t", "t", FLAVOR_TORCH)
VIA(t_permute, "permute", "permute", FLAVOR_TORCH)
VIA(t_numel, "numel", "numel", FLAVOR_TORCH)
VIA(t_neg, "neg", "neg", FLAVOR_TORCH)
VIA(t_clone, "clone", "clone", FLAVOR_TORCH)
VIA(t_softmax, "softmax", "softmax", FLAVOR_TORCH)
VIA(t_log_softmax, "log_softmax", "log_softmax", FLAVOR_TORCH)
VIA(t_pow, "pow", "pow", FLAVOR_TORCH)
VIA(np_exp, "exp", "exp", FLAVOR_NUMPY)
VIA(np_log, "log", "log", FLAVOR_NUMPY)
VIA(np_sqrt, "sqrt", "sqrt", FLAVOR_NUMPY)
VIA(np_abs, "absolute", "abs", FLAVOR_NUMPY)
VIA(np_sin, "sin", "sin", FLAVOR_NUMPY)
VIA(np_cos, "cos", "cos", FLAVOR_NUMPY)
VIA(np_tanh, "tanh", "tanh", FLAVOR_NUMPY)
VIA(np_sum, "sum", "sum", FLAVOR_NUMPY)
VIA(np_mean, "mean", "mean", FLAVOR_NUMPY)
VIA(np_max, "amax", "max", FLAVOR_NUMPY)
VIA(np_min, "amin", "min", FLAVOR_NUMPY)
VIA(np_argmax, "argmax", "argmax", FLAVOR_NUMPY)
VIA(np_argmin, "argmin", "argmin", FLAVOR_NUMPY)
VIA(np_var, "var", "var", FLAVOR_NUMPY)
VIA(np_std, "std", "std", FLAVOR_NUMPY)
VIA(t_var, "var", "var", FLAVOR_TORCH)
VIA(t_std, "std", "std", FLAVOR_TORCH)
VIA(np_transpose, "transpose", "transpose", FLAVOR_NUMPY)
VIA(np_reshape, "reshape", "reshape", FLAVOR_NUMPY)

static Value np_binary(Interp *I, const char *fname, BinOp op, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"x1", "x2"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    Value r = tensor_binop(I, op, val_obj(x), a[1]);
    TDEC(x);
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "unsupported operand type for %s", fname);
    return r;
}
/* np.where(condition, x, y): broadcast all three; NumPy's dtype for the two value arrays */
static Value np_where(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"condition", "x", "y"};
    Value a[3];
    if (!nat_args(I, "where", argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    if (IS_UNDEF(a[1]) != IS_UNDEF(a[2])) return err_raise(I, EXC_ValueError, "either both or neither of x and y should be given");
    if (IS_UNDEF(a[1])) return err_raise(I, EXC_TypeError, "where(condition) with one argument is not supported in ag; use np.where(condition, x, y)");
    Tensor *t[3] = {NULL, NULL, NULL}, *e[3] = {NULL, NULL, NULL}, *o = NULL;
    for (int k = 0; k < 3; k++) {
        t[k] = IS_TENSOR(a[k]) ? (val_incref(a[k]), AS_TENSOR(a[k])) : tensor_from_value(I, a[k], -1, FLAVOR_NUMPY);
        if (!t[k]) goto out;
    }
    int nd = 0;
    int64_t sh[TENSOR_MAX_DIMS];
    {
        int nd1;
        int64_t sh1[TENSOR_MAX_DIMS];
        if (!tensor_broadcast_shape(I, t[1], t[2], &nd1, sh1)) goto out;
        Tensor *tmp = tensor_new(I, DT_BOOL, FLAVOR_NUMPY, nd1, sh1);
        if (!tmp) goto out;
        bool ok = tensor_broadcast_shape(I, t[0], tmp, &nd, sh);
        val_decref(val_obj(tmp));
        if (!ok) goto out;
    }
    /* NumPy 1.x value-based casting: a 0-d operand of the same or a lower kind adopts the array's dtype */
    DType dt = dtype_promote(t[1]->dtype, t[2]->dtype, true);
    for (int k = 1; k <= 2; k++) {
        Tensor *sc = t[k], *ar = t[3 - k];
        int cs = sc->dtype == DT_BOOL ? 0 : sc->dtype == DT_INT64 ? 1 : 2, ca = ar->dtype == DT_BOOL ? 0 : ar->dtype == DT_INT64 ? 1 : 2;
        if (sc->ndim == 0 && ar->ndim > 0 && cs <= ca) dt = ar->dtype;
    }
    o = tensor_new(I, dt, FLAVOR_NUMPY, nd, sh);
    if (!o) goto out;
    for (int k = 0; k < 3; k++) if (!(e[k] = tensor_expand_to(I, t[k], nd, sh))) { TDEC(o); o = NULL; goto out; }
    for (int64_t i = 0; i < o->numel; i++) {
        Tensor *src = tensor_get(e[0], i) != 0 ? e[1] : e[2];
        if (dt == DT_INT64) ((int64_t *)o->storage->data)[i] = tensor_get_i64(src, i);
        else tensor_set(o, i, tensor_get(src, i));
    }
out:
    for (int k = 0; k < 3; k++) { TDEC(t[k]); TDEC(e[k]); }
    return o ? tensor_result(I, o) : VAL_ERR;
}
static Value np_dot(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "b"};
    Value a[2];
    if (!nat_args(I, "dot", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, "dot", a[0], FLAVOR_NUMPY), *y = x ? arg_tensor(I, "dot", a[1], FLAVOR_NUMPY) : NULL;
    if (!y) { TDEC(x); return VAL_ERR; }
    Value r;
    if (x->ndim == 0 || y->ndim == 0) r = tensor_binop(I, BIN_MUL, val_obj(x), val_obj(y));
    else {
        if (!np_dot_aligned(I, x, y)) r = VAL_ERR;
        else r = tensor_result(I, tensor_matmul_op(I, x, y));
    }
    TDEC(x);
    TDEC(y);
    return r;
}
static Value np_matmul(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "matmul", BIN_MATMUL, argc, argv, kw); }
static Value np_add(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "add", BIN_ADD, argc, argv, kw); }
static Value np_subtract(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "subtract", BIN_SUB, argc, argv, kw); }
static Value np_multiply(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "multiply", BIN_MUL, argc, argv, kw); }
static Value np_divide(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "divide", BIN_TRUEDIV, argc, argv, kw); }
static Value np_power(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_binary(I, "power", BIN_POW, argc, argv, kw); }

static Value maxmin2(Interp *I, const char *fname, OpKind op, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "other"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], flavor), *y = x ? arg_tensor(I, fname, a[1], flavor) : NULL;
    if (!y) { TDEC(x); return VAL_ERR; }
    Value r = tensor_result(I, tensor_binary(I, op, x, y));
    TDEC(x);
    TDEC(y);
    return r;
}
static Value t_maximum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return maxmin2(I, "maximum", OP_MAXIMUM, FLAVOR_TORCH, argc, argv, kw); }
static Value t_minimum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return maxmin2(I, "minimum", OP_MINIMUM, FLAVOR_TORCH, argc, argv, kw); }
static Value np_maximum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return maxmin2(I, "maximum", OP_MAXIMUM, FLAVOR_NUMPY, argc, argv, kw); }
static Value np_minimum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return maxmin2(I, "minimum", OP_MINIMUM, FLAVOR_NUMPY, argc, argv, kw); }
static Value np_clip(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "a_min", "a_max"};
    Value a[3];
    if (!nat_args(I, "clip", argc, argv, kw, 3, names, 3, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, "clip", a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    Value r = tensor_clamp_value(I, x, a[1], a[2]);
    TDEC(x);
    return r;
}

/* ---- joining ------------------------------------------------------------------------------ */
static Value cat_impl(Interp *I, const char *fname, bool stack, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"tensors", "dim", "axis"};
    Value a[3];
    if (!nat_args(I, fname, argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    if (!is_seq(a[0])) return err_raise(I, EXC_TypeError, "%s(): argument 'tensors' (position 1) must be tuple of Tensors, not %s", fname, val_type_name(a[0]));
    int64_t dim = 0;
    Value dv = !IS_UNDEF(a[1]) ? a[1] : a[2];
    if (!IS_UNDEF(dv) && !IS_NONE(dv) && !val_as_index(I, dv, &dim)) return VAL_ERR;
    int64_t n = IS_A(a[0], list_class) ? ((List *)AS_OBJ(a[0]))->len : ((Tuple *)AS_OBJ(a[0]))->len;
    const Value *items = IS_A(a[0], list_class) ? ((List *)AS_OBJ(a[0]))->items : ((Tuple *)AS_OBJ(a[0]))->items;
    if (n > 4096) return err_raise(I, EXC_ValueError, "%s(): too many tensors", fname);
    Tensor *ts[4096];
    int got = 0;
    Value r = VAL_ERR;
    for (int64_t i = 0; i < n; i++) {
        if (flavor == FLAVOR_TORCH && !IS_TENSOR(items[i])) {
            err_raise(I, EXC_TypeError, "expected Tensor as element %lld in argument 0, but got %s", (long long)i, val_type_name(items[i]));
            goto out;
        }
        ts[got] = arg_tensor(I, fname, items[i], flavor);
        if (!ts[got]) goto out;
        got++;
    }
    r = tensor_result(I, tensor_cat_op(I, got, ts, (int)dim, stack));
out:
    for (int i = 0; i < got; i++) TDEC(ts[i]);
    return r;
}
static Value t_cat(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return cat_impl(I, "cat", false, FLAVOR_TORCH, argc, argv, kw); }
static Value t_stack(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return cat_impl(I, "stack", true, FLAVOR_TORCH, argc, argv, kw); }
static Value np_concatenate(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return cat_impl(I, "concatenate", false, FLAVOR_NUMPY, argc, argv, kw); }
static Value np_stack(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return cat_impl(I, "stack", true, FLAVOR_NUMPY, argc, argv, kw); }
static Value t_from_numpy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"ndarray"};
    Value a[1];
    if (!nat_args(I, "from_numpy", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    if (!IS_TENSOR(a[0]) || AS_TENSOR(a[0])->flavor == FLAVOR_TORCH)
        return err_raise(I, EXC_TypeError, "expected np.ndarray (got %s)", IS_TENSOR(a[0]) ? "Tensor" : val_type_name(a[0]));
    Tensor *t = AS_TENSOR(a[0]);
    Tensor *v = tensor_view(I, t, t->ndim, t->shape, t->stride, t->offset); /* shares memory, as torch does */
    if (!v) return VAL_ERR;
    v->flavor = FLAVOR_TORCH;
    return val_obj(v);
}

/* ---- creation ------------------------------------------------------------------------- */
static bool parse_dtype(Interp *I, Value v, int *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) { *out = -1; return true; }
    DType d;
    if (!value_as_dtype(v, &d)) {
        err_raise(I, EXC_TypeError, "data type '%s' not understood", val_type_name(v));
        return false;
    }
    *out = (int)d;
    return true;
}

static bool apply_requires_grad(Interp *I, Tensor *t, Value rg) {
    if (IS_UNDEF(rg) || IS_NONE(rg)) return true;
    int b = val_truth(I, rg);
    if (b < 0) return false;
    if (!b) return true;
    if (!dtype_is_float(t->dtype)) {
        err_raise(I, EXC_RuntimeError, "Only Tensors of floating point and complex dtype can require gradients");
        err_hint(I, "use float data (e.g. [1., 2.]) or dtype=torch.float32 for tensors that need gradients");
        return false;
    }
    t->requires_grad = true;
    return true;
}

static Value t_tensor(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"data", "dtype", "device", "requires_grad"};
    Value a[4];
    if (!nat_args(I, "tensor", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, a[1], &dt)) return VAL_ERR;
    Tensor *t = tensor_from_value(I, a[0], dt, FLAVOR_TORCH);
    if (!t) return VAL_ERR;
    t->flavor = FLAVOR_TORCH;
    if (!apply_requires_grad(I, t, a[3])) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value np_array(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"object", "dtype", "copy"};
    Value a[3];
    if (!nat_args(I, "array", argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, a[1], &dt)) return VAL_ERR;
    if (IS_TENSOR(a[0]) && AS_TENSOR(a[0])->flavor == FLAVOR_TORCH && AS_TENSOR(a[0])->requires_grad)
        return err_raise(I, EXC_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    Tensor *t = tensor_from_value(I, a[0], dt, FLAVOR_NUMPY);
    if (!t) return VAL_ERR;
    t->flavor = FLAVOR_NUMPY; /* np.array(3.0) is a 0-d array, not a scalar */
    return val_obj(t);
}

/* sizes: f(2, 3), f((2, 3)), f([2, 3]), f(size=(2, 3)) */
static bool size_from_args(Interp *I, int argc, const Value *argv, int *nd, int64_t *shape) {
    const Value *items = argv;
    int64_t n = argc;
    Value seqv = VAL_UNDEF;
    if (argc == 1 && (is_seq(argv[0]) || IS_A(argv[0], size_class))) {
        seqv = argv[0];
        if (IS_A(seqv, size_class)) {
            /* torch.Size: read its entries through the sequence protocol */
            int64_t len = val_len(I, seqv);
            if (len < 0) return false;
            if (len > TENSOR_MAX_DIMS) { err_raise(I, EXC_ValueError, "too many dimensions"); return false; }
            for (int64_t i = 0; i < len; i++) {
                Value x = val_getitem(I, seqv, val_int(i));
                if (IS_ERR(x)) return false;
                shape[i] = x.as.i;
            }
            *nd = (int)len;
            return true;
        }
        items = IS_A(seqv, list_class) ? ((List *)AS_OBJ(seqv))->items : ((Tuple *)AS_OBJ(seqv))->items;
        n = IS_A(seqv, list_class) ? ((List *)AS_OBJ(seqv))->len : ((Tuple *)AS_OBJ(seqv))->len;
    }
    if (n > TENSOR_MAX_DIMS) { err_raise(I, EXC_ValueError, "too many dimensions (at most %d)", TENSOR_MAX_DIMS); return false; }
    for (int64_t i = 0; i < n; i++) {
        if (!val_as_index(I, items[i], &shape[i])) return false;
        if (shape[i] < 0) {
            err_raise(I, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld]", (long long)shape[i], (long long)shape[i]);
            return false;
        }
    }
    *nd = (int)n;
    return true;
}

/* Split positional sizes from the keyword arguments dtype=, requires_grad=, size= */
typedef struct { int dtype; Value rg; } CreateKw;
static bool create_kw(Interp *I, const char *fname, const KwArgs *kw, CreateKw *c, Value *size) {
    c->dtype = -1;
    c->rg = VAL_UNDEF;
    if (size) *size = VAL_UNDEF;
    if (!kw) return true;
    for (int i = 0; i < kw->n; i++) {
        const char *n = str_cstr(kw->names[i]);
        if (!strcmp(n, "dtype")) { if (!parse_dtype(I, kw->vals[i], &c->dtype)) return false; }
        else if (!strcmp(n, "requires_grad")) c->rg = kw->vals[i];
        else if (!strcmp(n, "size") && size) *size = kw->vals[i];
        else if (!strcmp(n, "device") || !strcmp(n, "generator") || !strcmp(n, "layout")) continue;
        else { err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname, n); return false; }
    }
    return true;
}

static Value filled(Interp *I, const char *fname, int flavor, double v, int argc, const Value *argv, const KwArgs *kw) {
    CreateKw c;
    Value size;
    if (!create_kw(I, fname, kw, &c, &size)) return VAL_ERR;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!IS_UNDEF(size)) { if (!size_from_args(I, 1, &size, &nd, shape)) return VAL_ERR; }
    else if (!size_from_args(I, argc, argv, &nd, shape)) return VAL_ERR;
    DType dt = c.dtype >= 0 ? (DType)c.dtype : (flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64);
    Tensor *t = tensor_new(I, dt, flavor, nd, shape);
    if (!t) return VAL_ERR;
    if (v != 0) for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, v);
    if (!apply_requires_grad(I, t, c.rg)) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_zeros(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return filled(I, "zeros", FLAVOR_TORCH, 0, argc, argv, kw); }
static Value t_ones(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return filled(I, "ones", FLAVOR_TORCH, 1, argc, argv, kw); }
static Value np_zeros(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return filled(I, "zeros", FLAVOR_NUMPY, 0, argc, argv, kw); }
static Value np_ones(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return filled(I, "ones", FLAVOR_NUMPY, 1, argc, argv, kw); }

static Value full_impl(Interp *I, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"size", "fill_value", "dtype", "requires_grad", "device"};
    Value a[5];
    if (!nat_args(I, "full", argc, argv, kw, 5, names, 2, a)) return VAL_ERR;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (IS_INT(a[0])) { nd = 1; shape[0] = a[0].as.i; if (shape[0] < 0) return err_raise(I, EXC_ValueError, "negative dimensions are not allowed"); }
    else if (!size_from_args(I, 1, &a[0], &nd, shape)) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, a[2], &dt)) return VAL_ERR;
    if (!IS_NUM(a[1])) return err_raise(I, EXC_TypeError, "full(): argument 'fill_value' must be Number, not %s", val_type_name(a[1]));
    if (dt < 0) dt = IS_BOOL(a[1]) ? DT_BOOL : IS_INT(a[1]) ? DT_INT64 : (flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64);
    Tensor *t = tensor_new(I, (DType)dt, flavor, nd, shape);
    if (!t) return VAL_ERR;
    for (int64_t i = 0; i < t->numel; i++) {
        if (t->dtype == DT_INT64 && IS_INT(a[1])) ((int64_t *)tensor_ptr(t))[i] = a[1].as.i;
        else tensor_set(t, i, IS_FLOAT(a[1]) ? a[1].as.f : IS_INT(a[1]) ? (double)a[1].as.i : a[1].as.b);
    }
    if (!apply_requires_grad(I, t, a[3])) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_full(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return full_impl(I, FLAVOR_TORCH, argc, argv, kw); }
static Value np_full(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return full_impl(I, FLAVOR_NUMPY, argc, argv, kw); }

static Value like_impl(Interp *I, const char *fname, int flavor, double v, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "dtype", "requires_grad"};
    Value a[3];
    if (!nat_args(I, fname, argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], flavor);
    if (!x) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, a[1], &dt)) { TDEC(x); return VAL_ERR; }
    Tensor *t = tensor_new(I, dt >= 0 ? (DType)dt : x->dtype, flavor == FLAVOR_TORCH ? FLAVOR_TORCH : FLAVOR_NUMPY, x->ndim, x->shape);
    TDEC(x);
    if (!t) return VAL_ERR;
    if (v != 0) for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, v);
    if (!apply_requires_grad(I, t, a[2])) { TDEC(t); return VAL_ERR; }
    return tensor_result(I, t);
}
static Value t_zeros_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "zeros_like", FLAVOR_TORCH, 0, argc, argv, kw); }
static Value t_ones_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "ones_like", FLAVOR_TORCH, 1, argc, argv, kw); }
static Value np_zeros_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "zeros_like", FLAVOR_NUMPY, 0, argc, argv, kw); }
static Value np_ones_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "ones_like", FLAVOR_NUMPY, 1, argc, argv, kw); }

static double num(Value v) { return IS_FLOAT(v) ? v.as.f : IS_INT(v) ? (double)v.as.i : IS_BOOL(v) ? v.as.b : 0; }

static Value arange_impl(Interp *I, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"start", "end", "step", "dtype", "requires_grad"};
    Value a[5];
    if (!nat_args(I, "arange", argc, argv, kw, 5, names, 1, a)) return VAL_ERR;
    Value vs = a[0], ve = a[1], vt = a[2];
    if (IS_UNDEF(ve) || IS_NONE(ve)) { ve = vs; vs = val_int(0); }
    if (IS_UNDEF(vt)) vt = val_int(1);
    if (!IS_NUM(vs) || !IS_NUM(ve) || !IS_NUM(vt)) return err_raise(I, EXC_TypeError, "arange(): arguments must be numbers");
    double s = num(vs), e = num(ve), st = num(vt);
    if (st == 0) return flavor == FLAVOR_TORCH ? err_raise(I, EXC_RuntimeError, "step must be nonzero") : err_raise(I, EXC_ZeroDivisionError, "division by zero");
    int dt;
    if (!parse_dtype(I, a[3], &dt)) return VAL_ERR;
    bool allint = !IS_FLOAT(vs) && !IS_FLOAT(ve) && !IS_FLOAT(vt);
    if (dt < 0) dt = allint ? DT_INT64 : (flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64);
    double cnt = ceil((e - s) / st);
    if (allint && IS_INT(vs) && IS_INT(ve) && IS_INT(vt)) { /* exact for large ints */
        __int128 d = (__int128)ve.as.i - vs.as.i, stp = vt.as.i;
        __int128 c = d / stp + ((d % stp != 0 && ((d > 0) == (stp > 0))) ? 1 : 0);
        cnt = c < 0 ? 0 : (double)c;
    }
    if (flavor == FLAVOR_TORCH && ((st > 0 && e < s) || (st < 0 && e > s)))
        return err_raise(I, EXC_RuntimeError, "upper bound and larger bound inconsistent with step sign");
    if (cnt < 0 || isnan(cnt)) cnt = 0;
    if (cnt > 1e15) return err_nomem(I), VAL_ERR;
    int64_t n = (int64_t)cnt;
    Tensor *t = tensor_new(I, (DType)dt, flavor, 1, &n);
    if (!t) return VAL_ERR;
    for (int64_t i = 0; i < n; i++) {
        if (dt == DT_INT64 && allint) {
            int64_t s0 = IS_INT(vs) ? vs.as.i : vs.as.b, st0 = IS_INT(vt) ? vt.as.i : vt.as.b;
            ((int64_t *)tensor_ptr(t))[i] = (int64_t)((uint64_t)s0 + (uint64_t)i * (uint64_t)st0);
        }
        else tensor_set(t, i, s + (double)i * st);
    }
    if (!apply_requires_grad(I, t, a[4])) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_arange(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return arange_impl(I, FLAVOR_TORCH, argc, argv, kw); }
static Value np_arange(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return arange_impl(I, FLAVOR_NUMPY, argc, argv, kw); }

static Value t_linspace(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"start", "end", "steps", "dtype", "requires_grad"};
    Value a[5];
    if (!nat_args(I, "linspace", argc, argv, kw, 5, names, 3, a)) return VAL_ERR;
    int64_t n;
    if (!val_as_index(I, a[2], &n)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_RuntimeError, "number of steps must be non-negative");
    int dt;
    if (!parse_dtype(I, a[3], &dt)) return VAL_ERR;
    if (dt < 0) dt = DT_FLOAT32;
    Tensor *t = tensor_new(I, (DType)dt, FLAVOR_TORCH, 1, &n);
    if (!t) return VAL_ERR;
    double s = num(a[0]), e = num(a[1]);
    int64_t half = n / 2;
    if (n == 1) e = s; /* torch fills a single step with start */
    /* torch 1.13's AVX2 linspace_kernel: blocks of 2*V elements (V = 8 floats / 4 doubles) start
     * from a base computed with a fused multiply-add, then add k*step (rounded) per lane; the tail
     * is done one element at a time, again fused. */
    if (dt == DT_FLOAT32) {
        float fs = (float)s, fe = (float)e, step = n > 1 ? (fe - fs) / (float)(n - 1) : 0;
        float *o = (float *)tensor_ptr(t);
        int64_t i = 0;
        for (; i + 16 <= n; i += 16)
            for (int64_t j = i; j < i + 16; j += 8) {
                float base = j < half ? fmaf(step, (float)j, fs) : fmaf(-step, (float)(n - j - 1), fe);
                for (int k = 0; k < 8; k++) o[j + k] = base + (float)k * step;
            }
        for (; i < n; i++) o[i] = i < half ? fmaf(step, (float)i, fs) : fmaf(-step, (float)(n - i - 1), fe);
    } else if (dt == DT_FLOAT64) {
        double step = n > 1 ? (e - s) / (double)(n - 1) : 0;
        double *o = (double *)tensor_ptr(t);
        int64_t i = 0;
        for (; i + 8 <= n; i += 8)
            for (int64_t j = i; j < i + 8; j += 4) {
                double base = j < half ? fma(step, (double)j, s) : fma(-step, (double)(n - j - 1), e);
                for (int k = 0; k < 4; k++) o[j + k] = base + (double)k * step;
            }
        for (; i < n; i++) o[i] = i < half ? fma(step, (double)i, s) : fma(-step, (double)(n - i - 1), e);
    } else {
        double step = n > 1 ? (e - s) / (double)(n - 1) : 0;
        for (int64_t i = 0; i < n; i++) tensor_set(t, i, i < half ? s + step * (double)i : e - step * (double)(n - i - 1));
    }
    if (!apply_requires_grad(I, t, a[4])) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value np_linspace(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"start", "stop", "num", "endpoint", "dtype"};
    Value a[5];
    if (!nat_args(I, "linspace", argc, argv, kw, 5, names, 2, a)) return VAL_ERR;
    int64_t n = 50;
    if (!IS_UNDEF(a[2]) && !val_as_index(I, a[2], &n)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_ValueError, "Number of samples, %lld, must be non-negative.", (long long)n);
    bool endpoint = true;
    if (!IS_UNDEF(a[3])) { int b = val_truth(I, a[3]); if (b < 0) return VAL_ERR; endpoint = b; }
    int dt;
    if (!parse_dtype(I, a[4], &dt)) return VAL_ERR;
    Tensor *t = tensor_new(I, dt < 0 ? DT_FLOAT64 : (DType)dt, FLAVOR_NUMPY, 1, &n);
    if (!t) return VAL_ERR;
    double s = num(a[0]), e = num(a[1]);
    int64_t div = endpoint ? n - 1 : n;
    double step = div > 0 ? (e - s) / (double)div : NAN;
    for (int64_t i = 0; i < n; i++) tensor_set(t, i, div > 0 ? (double)i * step + s : s);
    if (endpoint && n > 1) tensor_set(t, n - 1, e);
    return val_obj(t);
}

static Value eye_impl(Interp *I, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"n", "m", "dtype", "requires_grad"};
    Value a[4];
    if (!nat_args(I, "eye", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    int64_t sh[2];
    if (!val_as_index(I, a[0], &sh[0])) return VAL_ERR;
    sh[1] = sh[0];
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1]) && !val_as_index(I, a[1], &sh[1])) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, a[2], &dt)) return VAL_ERR;
    Tensor *t = tensor_new(I, dt < 0 ? (flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64) : (DType)dt, flavor, 2, sh);
    if (!t) return VAL_ERR;
    for (int64_t i = 0; i < sh[0] && i < sh[1]; i++) tensor_set(t, i * sh[1] + i, 1);
    if (!apply_requires_grad(I, t, a[3])) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_eye(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return eye_impl(I, FLAVOR_TORCH, argc, argv, kw); }
static Value np_eye(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return eye_impl(I, FLAVOR_NUMPY, argc, argv, kw); }

/* ---- random ------------------------------------------------------------------------------ */
static Value rand_impl(Interp *I, const char *fname, bool normal, int argc, const Value *argv, const KwArgs *kw) {
    CreateKw c;
    Value size;
    if (!create_kw(I, fname, kw, &c, &size)) return VAL_ERR;
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!IS_UNDEF(size)) { if (!size_from_args(I, 1, &size, &nd, shape)) return VAL_ERR; }
    else if (!size_from_args(I, argc, argv, &nd, shape)) return VAL_ERR;
    DType dt = c.dtype >= 0 ? (DType)c.dtype : DT_FLOAT32;
    if (!dtype_is_float(dt)) return err_raise(I, EXC_RuntimeError, "\"%s\" not implemented for 'Long'", normal ? "normal_kernel_cpu" : "check_uniform_bounds");
    Tensor *t = tensor_new(I, dt, FLAVOR_TORCH, nd, shape);
    if (!t) return VAL_ERR;
    if (normal) rng_torch_normal(t);
    else rng_torch_uniform(t);
    if (!apply_requires_grad(I, t, c.rg)) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_rand(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return rand_impl(I, "rand", false, argc, argv, kw); }
static Value t_randn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return rand_impl(I, "randn", true, argc, argv, kw); }
static Value t_manual_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"seed"};
    Value a[1];
    if (!nat_args(I, "manual_seed", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    int64_t s;
    if (!val_as_index(I, a[0], &s)) return VAL_ERR;
    rng_torch_seed((uint64_t)s);
    return VAL_NONE;
}
static Value t_initial_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "initial_seed", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_int((int64_t)rng_torch_initial_seed());
}

static Value npr_dims(Interp *I, const char *fname, bool normal, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", fname);
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!size_from_args(I, argc, argv, &nd, shape)) return VAL_ERR;
    Tensor *t = tensor_new(I, DT_FLOAT64, FLAVOR_NUMPY, nd, shape);
    if (!t) return VAL_ERR;
    if (normal) rng_np_normal(t);
    else rng_np_uniform(t);
    if (nd == 0) { double v = tensor_get(t, 0); TDEC(t); return val_float(v); }
    return val_obj(t);
}
static Value npr_rand(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return npr_dims(I, "rand", false, argc, argv, kw); }
static Value npr_randn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return npr_dims(I, "randn", true, argc, argv, kw); }
static Value npr_random(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"size"};
    Value a[1];
    if (!nat_args(I, "random", argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return npr_dims(I, "random", false, 0, NULL, NULL);
    return npr_dims(I, "random", false, 1, a, NULL);
}
/* np.random.randint(low, high=None, size=None), np.random.uniform/normal(a, b, size=None) */
static bool npr_size(Interp *I, Value size, int *nd, int64_t *shape) {
    if (IS_UNDEF(size) || IS_NONE(size)) { *nd = -1; return true; }
    if (!size_from_args(I, 1, &size, nd, shape)) return false;
    for (int d = 0; d < *nd; d++) if (shape[d] < 0) { err_raise(I, EXC_ValueError, "negative dimensions are not allowed"); return false; }
    return true;
}
static Value npr_randint(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"low", "high", "size", "dtype"};
    Value a[4];
    if (!nat_args(I, "randint", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    int64_t lo, hi;
    if (!val_as_index(I, a[0], &lo)) return VAL_ERR;
    if (IS_UNDEF(a[1]) || IS_NONE(a[1])) { hi = lo; lo = 0; if (hi <= 0) return err_raise(I, EXC_ValueError, "high <= 0"); }
    else if (!val_as_index(I, a[1], &hi)) return VAL_ERR;
    if (lo >= hi) return err_raise(I, EXC_ValueError, "low >= high");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!npr_size(I, a[2], &nd, shape)) return VAL_ERR;
    Tensor *t = tensor_new(I, DT_INT64, FLAVOR_NUMPY, nd < 0 ? 0 : nd, shape);
    if (!t) return VAL_ERR;
    rng_np_randint(t, lo, hi);
    if (nd < 0) { int64_t v = ((int64_t *)t->storage->data)[0]; TDEC(t); return val_int(v); }
    return val_obj(t);
}
static Value npr_two(Interp *I, const char *fname, const char *n0, const char *n1, double d0, double d1, bool normal,
                     int argc, const Value *argv, const KwArgs *kw) {
    const char *names[] = {n0, n1, "size"};
    Value a[3];
    if (!nat_args(I, fname, argc, argv, kw, 3, names, 0, a)) return VAL_ERR;
    double p0 = d0, p1 = d1;
    for (int k = 0; k < 2; k++) {
        if (IS_UNDEF(a[k])) continue;
        if (IS_TENSOR(a[k]) && AS_TENSOR(a[k])->numel == 1) { *(k ? &p1 : &p0) = tensor_get(AS_TENSOR(a[k]), 0); continue; }
        if (!IS_FLOAT(a[k]) && !IS_INT(a[k]) && !IS_BOOL(a[k]))
            return err_raise(I, EXC_TypeError, "%s(): %s must be a number, not %s", fname, names[k], val_type_name(a[k]));
        *(k ? &p1 : &p0) = num(a[k]);
    }
    if (normal && p1 < 0) return err_raise(I, EXC_ValueError, "scale < 0");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!npr_size(I, a[2], &nd, shape)) return VAL_ERR;
    Tensor *t = tensor_new(I, DT_FLOAT64, FLAVOR_NUMPY, nd < 0 ? 0 : nd, shape);
    if (!t) return VAL_ERR;
    double *o = (double *)t->storage->data;
    for (int64_t i = 0; i < t->numel; i++) o[i] = normal ? p0 + p1 * rng_np_gauss() : p0 + (p1 - p0) * rng_np_double();
    if (nd < 0) { double v = o[0]; TDEC(t); return val_float(v); }
    return val_obj(t);
}
static Value npr_uniform(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return npr_two(I, "uniform", "low", "high", 0, 1, false, argc, argv, kw); }
static Value npr_normal(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return npr_two(I, "normal", "loc", "scale", 0, 1, true, argc, argv, kw); }

/* torch.randint(high, size) / torch.randint(low, high, size) */
static Value t_randint(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    CreateKw c;
    Value size;
    if (!create_kw(I, "randint", kw, &c, &size)) return VAL_ERR;
    Value args[3];
    int n = 0;
    for (int i = 0; i < argc && n < 3; i++) args[n++] = argv[i];
    if (argc > 3) return err_raise(I, EXC_TypeError, "randint() takes at most 3 positional arguments");
    if (IS_UNDEF(size)) {
        if (n < 2) return err_raise(I, EXC_TypeError, "randint() missing 1 required positional arguments: \"size\"");
        size = args[--n];
    }
    int64_t lo = 0, hi;
    if (n == 2) { if (!val_as_index(I, args[0], &lo) || !val_as_index(I, args[1], &hi)) return VAL_ERR; }
    else if (n == 1) { if (!val_as_index(I, args[0], &hi)) return VAL_ERR; }
    else return err_raise(I, EXC_TypeError, "randint() missing 1 required positional arguments: \"high\"");
    if (IS_INT(size)) return err_raise(I, EXC_TypeError, "randint(): argument 'size' (position %d) must be tuple of ints, not int", n + 1);
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!size_from_args(I, 1, &size, &nd, shape)) return VAL_ERR;
    if (lo >= hi) return err_raise(I, EXC_RuntimeError, "random_ expects 'from' to be less than 'to', but got from=%lld >= to=%lld", (long long)lo, (long long)hi);
    Tensor *t = tensor_new(I, c.dtype >= 0 ? (DType)c.dtype : DT_INT64, FLAVOR_TORCH, nd, shape);
    if (!t) return VAL_ERR;
    rng_torch_randint(t, lo, hi);
    if (!apply_requires_grad(I, t, c.rg)) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}

static Value npr_seed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"seed"};
    Value a[1];
    if (!nat_args(I, "seed", argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    int64_t s = 5489;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0]) && !val_as_index(I, a[0], &s)) return VAL_ERR;
    if (s < 0 || s > 0xFFFFFFFFll) return err_raise(I, EXC_ValueError, "Seed must be between 0 and 2**32 - 1");
    rng_np_seed((uint32_t)s);
    return VAL_NONE;
}

/* ---- grad mode -------------------------------------------------------------------------- */
static Value t_no_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "no_grad", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return tape_nograd_new(I, false);
}
static Value t_enable_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "enable_grad", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return tape_nograd_new(I, true);
}
static Value t_is_grad_enabled(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "is_grad_enabled", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_bool(tape_grad_enabled);
}
static Value t_set_grad_enabled(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"mode"};
    Value a[1];
    if (!nat_args(I, "set_grad_enabled", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    int b = val_truth(I, a[0]);
    if (b < 0) return VAL_ERR;
    tape_grad_enabled = b;
    return VAL_NONE;
}
static Value t_is_tensor(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"obj"};
    Value a[1];
    if (!nat_args(I, "is_tensor", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    return val_bool(IS_TENSOR(a[0]) && AS_TENSOR(a[0])->flavor == FLAVOR_TORCH);
}
static Value t_tape_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "tape_count", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_int((int64_t)tape_record_count());
}

static const MethodDef tlib_defs[] = {
    {"tensor", t_tensor, "tensor(data, dtype=None, requires_grad=False)", "A tensor from nested lists/tuples/numbers (float data → float32, ints → int64)."},
    {"zeros", t_zeros, "zeros(*size, dtype=None, requires_grad=False)", "A tensor of zeros."},
    {"ones", t_ones, "ones(*size, dtype=None, requires_grad=False)", "A tensor of ones."},
    {"full", t_full, "full(size, fill_value, dtype=None)", "A tensor filled with fill_value."},
    {"arange", t_arange, "arange(start=0, end, step=1, dtype=None)", "Values from start up to (not including) end, by step."},
    {"linspace", t_linspace, "linspace(start, end, steps, dtype=None)", "steps evenly spaced values from start to end inclusive."},
    {"eye", t_eye, "eye(n, m=None, dtype=None)", "Identity matrix."},
    {"zeros_like", t_zeros_like, "zeros_like(input, dtype=None)", "Zeros with input's shape and dtype."},
    {"ones_like", t_ones_like, "ones_like(input, dtype=None)", "Ones with input's shape and dtype."},
    {"rand", t_rand, "rand(*size, dtype=None, requires_grad=False)", "Uniform [0, 1) samples from torch's generator."},
    {"var", t_var, "var(input, dim=None, unbiased=True, keepdim=False)", "Variance (unbiased by default)."},
    {"std", t_std, "std(input, dim=None, unbiased=True, keepdim=False)", "Standard deviation (unbiased by default)."},
    {"softmax", t_softmax, "softmax(input, dim, dtype=None)", "exp(x) / exp(x).sum(dim), computed stably."},
    {"log_softmax", t_log_softmax, "log_softmax(input, dim, dtype=None)", "log(softmax(x, dim)), computed stably."},
    {"randint", t_randint, "randint(low=0, high, size, dtype=None)", "Uniform integers in [low, high) from torch's generator."},
    {"randn", t_randn, "randn(*size, dtype=None, requires_grad=False)", "Standard normal samples from torch's generator."},
    {"manual_seed", t_manual_seed, "manual_seed(seed)", "Seed torch's random generator (Mersenne Twister)."},
    {"initial_seed", t_initial_seed, "initial_seed()", "The seed of torch's generator."},
    {"exp", t_exp, "exp(input)", "e ** x, elementwise."},
    {"log", t_log, "log(input)", "Natural logarithm, elementwise."},
    {"sqrt", t_sqrt, "sqrt(input)", "Square root, elementwise."},
    {"abs", t_abs, "abs(input)", "Absolute value, elementwise."},
    {"sin", t_sin, "sin(input)", "Sine, elementwise."},
    {"cos", t_cos, "cos(input)", "Cosine, elementwise."},
    {"tanh", t_tanh, "tanh(input)", "Hyperbolic tangent, elementwise."},
    {"sigmoid", t_sigmoid, "sigmoid(input)", "1 / (1 + exp(-x)), elementwise."},
    {"relu", t_relu, "relu(input)", "max(x, 0), elementwise."},
    {"clamp", t_clamp, "clamp(input, min=None, max=None)", "Limit every element to [min, max]."},
    {"neg", t_neg, "neg(input)", "-x, elementwise."},
    {"pow", t_pow, "pow(input, exponent)", "input ** exponent."},
    {"sum", t_sum, "sum(input, dim=None, keepdim=False)", "Sum of all elements, or over dim."},
    {"mean", t_mean, "mean(input, dim=None, keepdim=False)", "Mean of all elements, or over dim."},
    {"max", t_max, "max(input, dim=None, keepdim=False)", "Largest element; with dim, the (values, indices) pair."},
    {"min", t_min, "min(input, dim=None, keepdim=False)", "Smallest element; with dim, the (values, indices) pair."},
    {"argmax", t_argmax, "argmax(input, dim=None, keepdim=False)", "Index of the largest element."},
    {"argmin", t_argmin, "argmin(input, dim=None, keepdim=False)", "Index of the smallest element."},
    {"maximum", t_maximum, "maximum(input, other)", "Elementwise maximum."},
    {"minimum", t_minimum, "minimum(input, other)", "Elementwise minimum."},
    {"dot", t_dot, "dot(input, other)", "Inner product of two 1-D tensors."},
    {"matmul", t_matmul, "matmul(input, other)", "Matrix product (input @ other)."},
    {"mm", t_mm, "mm(input, mat2)", "Product of two matrices."},
    {"transpose", t_transpose, "transpose(input, dim0, dim1)", "Swap two dims (a view)."},
    {"t", t_t, "t(input)", "Transpose a 2-D tensor."},
    {"permute", t_permute, "permute(input, dims)", "Reorder the dims."},
    {"reshape", t_reshape, "reshape(input, shape)", "Same elements in a new shape."},
    {"flatten", t_flatten, "flatten(input, start_dim=0, end_dim=-1)", "Collapse dims into one."},
    {"squeeze", t_squeeze, "squeeze(input, dim=None)", "Remove dims of size 1."},
    {"unsqueeze", t_unsqueeze, "unsqueeze(input, dim)", "Insert a dim of size 1."},
    {"numel", t_numel, "numel(input)", "Number of elements."},
    {"clone", t_clone, "clone(input)", "A copy (recorded)."},
    {"no_grad", t_no_grad, "no_grad()", "A context: `with torch.no_grad():` records nothing inside the block."},
    {"enable_grad", t_enable_grad, "enable_grad()", "A context that turns recording back on inside the block."},
    {"is_grad_enabled", t_is_grad_enabled, "is_grad_enabled()", "True when operations are being recorded."},
    {"set_grad_enabled", t_set_grad_enabled, "set_grad_enabled(mode)", "Turn recording on or off."},
    {"cat", t_cat, "cat(tensors, dim=0)", "Join tensors along an existing dim (CatBackward0)."},
    {"stack", t_stack, "stack(tensors, dim=0)", "Join tensors along a new dim (StackBackward0)."},
    {"from_numpy", t_from_numpy, "from_numpy(ndarray)", "A tensor sharing the NumPy array's memory."},
    {"is_tensor", t_is_tensor, "is_tensor(obj)", "True if obj is a torch tensor."},
    {"tape_count", t_tape_count, "tape_count()", "How many operations have been recorded this session."},
    /* NumPy flavour */
    {"array", np_array, "array(object, dtype=None)", "A NumPy array from nested lists/numbers (float data → float64)."},
    {"np_zeros", np_zeros, "zeros(shape, dtype=float64)", "An array of zeros."},
    {"np_ones", np_ones, "ones(shape, dtype=float64)", "An array of ones."},
    {"np_full", np_full, "full(shape, fill_value, dtype=None)", "An array filled with fill_value."},
    {"np_arange", np_arange, "arange(start=0, stop, step=1, dtype=None)", "Evenly spaced values in [start, stop)."},
    {"np_linspace", np_linspace, "linspace(start, stop, num=50, endpoint=True)", "num evenly spaced samples."},
    {"np_eye", np_eye, "eye(N, M=None, dtype=float64)", "Identity matrix."},
    {"np_zeros_like", np_zeros_like, "zeros_like(a, dtype=None)", "Zeros with a's shape and dtype."},
    {"np_ones_like", np_ones_like, "ones_like(a, dtype=None)", "Ones with a's shape and dtype."},
    {"np_exp", np_exp, "exp(x)", "e ** x, elementwise."},
    {"np_log", np_log, "log(x)", "Natural logarithm, elementwise."},
    {"np_sqrt", np_sqrt, "sqrt(x)", "Square root, elementwise."},
    {"np_abs", np_abs, "abs(x)", "Absolute value, elementwise."},
    {"np_sin", np_sin, "sin(x)", "Sine, elementwise."},
    {"np_cos", np_cos, "cos(x)", "Cosine, elementwise."},
    {"np_tanh", np_tanh, "tanh(x)", "Hyperbolic tangent, elementwise."},
    {"np_sum", np_sum, "sum(a, axis=None, keepdims=False)", "Sum of the elements (pairwise summation)."},
    {"np_mean", np_mean, "mean(a, axis=None)", "Arithmetic mean."},
    {"np_max", np_max, "max(a, axis=None)", "Largest element."},
    {"np_min", np_min, "min(a, axis=None)", "Smallest element."},
    {"np_argmax", np_argmax, "argmax(a, axis=None)", "Index of the largest element."},
    {"np_argmin", np_argmin, "argmin(a, axis=None)", "Index of the smallest element."},
    {"np_transpose", np_transpose, "transpose(a)", "Reverse the axes."},
    {"np_reshape", np_reshape, "reshape(a, newshape)", "Same elements in a new shape."},
    {"np_var", np_var, "var(a, axis=None, ddof=0, keepdims=False)", "Variance (mean squared deviation / (n - ddof))."},
    {"np_std", np_std, "std(a, axis=None, ddof=0, keepdims=False)", "Standard deviation."},
    {"np_where", np_where, "where(condition, x, y)", "Elementwise x where condition holds, else y (broadcast)."},
    {"np_dot", np_dot, "dot(a, b)", "Dot product (1-D), matrix product (2-D)."},
    {"np_matmul", np_matmul, "matmul(a, b)", "Matrix product."},
    {"np_maximum", np_maximum, "maximum(x1, x2)", "Elementwise maximum."},
    {"np_minimum", np_minimum, "minimum(x1, x2)", "Elementwise minimum."},
    {"np_clip", np_clip, "clip(a, a_min, a_max)", "Limit the values to [a_min, a_max]."},
    {"np_concatenate", np_concatenate, "concatenate(arrays, axis=0)", "Join arrays along an existing axis."},
    {"np_stack", np_stack, "stack(arrays, axis=0)", "Join arrays along a new axis."},
    {"np_add", np_add, "add(x1, x2)", "x1 + x2."},
    {"np_subtract", np_subtract, "subtract(x1, x2)", "x1 - x2."},
    {"np_multiply", np_multiply, "multiply(x1, x2)", "x1 * x2."},
    {"np_divide", np_divide, "divide(x1, x2)", "x1 / x2."},
    {"np_power", np_power, "power(x1, x2)", "x1 ** x2."},
    {NULL, NULL, NULL, NULL},
};
static const MethodDef npr_defs[] = {
    {"seed", npr_seed, "seed(seed=None)", "Seed NumPy's legacy random generator (MT19937)."},
    {"rand", npr_rand, "rand(d0, d1, ...)", "Uniform [0, 1) samples (float64); a float with no arguments."},
    {"randn", npr_randn, "randn(d0, d1, ...)", "Standard normal samples (float64); a float with no arguments."},
    {"random", npr_random, "random(size=None)", "Uniform [0, 1) samples."},
    {"randint", npr_randint, "randint(low, high=None, size=None)", "Uniform integers in [low, high) (or [0, low)), int64."},
    {"uniform", npr_uniform, "uniform(low=0.0, high=1.0, size=None)", "Uniform samples in [low, high)."},
    {"normal", npr_normal, "normal(loc=0.0, scale=1.0, size=None)", "Normal samples with mean loc and std scale."},
    {NULL, NULL, NULL, NULL},
};

static bool set_dtype(Interp *I, Module *m, const char *name, DType dt, int kind) {
    Value v = dtype_value(I, dt, kind);
    if (IS_ERR(v)) return false;
    bool ok = module_set(I, m, name, v);
    val_decref(v);
    return ok;
}

Module *tensor_module_init(Interp *I) {
    Module *m = module_new(I, "_tensor");
    if (!m) return NULL;
    if (!module_add_natives(I, m, tlib_defs)) goto fail;
    static const struct { const char *name; DType dt; int kind; } dts[] = {
        {"float32", DT_FLOAT32, 0}, {"float", DT_FLOAT32, 0}, {"float64", DT_FLOAT64, 0}, {"double", DT_FLOAT64, 0},
        {"int64", DT_INT64, 0}, {"long", DT_INT64, 0}, {"bool", DT_BOOL, 0},
        {"np_float32", DT_FLOAT32, 2}, {"np_float64", DT_FLOAT64, 2}, {"np_int64", DT_INT64, 2}, {"np_bool", DT_BOOL, 2},
    };
    for (size_t i = 0; i < sizeof dts / sizeof dts[0]; i++)
        if (!set_dtype(I, m, dts[i].name, dts[i].dt, dts[i].kind)) goto fail;
    Value ng = tape_nograd_new(I, false);
    if (IS_ERR(ng)) goto fail;
    bool ok = module_set(I, m, "nograd", ng);
    val_decref(ng);
    if (!ok) goto fail;
    Module *r = module_new(I, "numpy.random");
    if (!r) goto fail;
    ok = module_add_natives(I, r, npr_defs) && module_set(I, m, "np_random", val_obj(r));
    val_decref(val_obj(r));
    if (!ok) goto fail;
    return m;
fail:
    val_decref(val_obj(m));
    return NULL;
}
