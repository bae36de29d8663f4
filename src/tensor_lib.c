/* tensor_lib.c — the native module "_tensor" (prefix tlib_): creation functions, math
 * functions, dtypes, grad mode and random numbers that stdlib/torch.ag and stdlib/numpy.ag
 * re-export under torch's and NumPy's names. Functions named np_* make NumPy arrays and
 * accept Python lists and numbers where NumPy does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
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

/* f(..., out=t): compute without out, then write the result into t and return t */
static int split_out(Interp *I, const char *fname, const KwArgs *kw, KwArgs *rest, Str **names, Value *vals, Tensor **out) {
    *out = NULL;
    if (!kw || !kw->n) return 0;
    int n = 0, found = 0;
    for (int i = 0; i < kw->n; i++) {
        if (!strcmp(str_cstr(kw->names[i]), "out")) {
            if (!IS_NONE(kw->vals[i])) {
                if (!IS_TENSOR(kw->vals[i])) { err_raise(I, EXC_TypeError, "%s(): argument 'out' must be Tensor, not %s", fname, val_type_name(kw->vals[i])); return -1; }
                *out = AS_TENSOR(kw->vals[i]);
            }
            found = 1;
            continue;
        }
        if (n < 16) { names[n] = kw->names[i]; vals[n] = kw->vals[i]; n++; }
    }
    rest->n = n; rest->names = names; rest->vals = vals;
    return found;
}
static Value finish_out(Interp *I, Value r, Tensor *out) {
    if (IS_ERR(r) || !out) return r;
    if (!IS_TENSOR(r)) { val_decref(r); return err_raise(I, EXC_TypeError, "out= is not supported here"); }
    Tensor *t = AS_TENSOR(r);
    bool same = tensor_same_shape(t, out);
    if (!same) { val_decref(r); return err_raise(I, EXC_RuntimeError, "ag: out= needs a tensor of the result's shape"); }
    bool ok = tensor_assign(I, out, t);
    val_decref(r);
    if (!ok) return VAL_ERR;
    obj_incref(&out->h);
    return val_obj(out);
}

/* call a Tensor method with the converted first argument */
static Value via_method_core(Interp *I, const char *fname, const char *method, int flavor, int argc, const Value *argv, const KwArgs *kw);
static Value via_method(Interp *I, const char *fname, const char *method, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    KwArgs rest;
    Str *names[16];
    Value vals[16];
    Tensor *out;
    int f = split_out(I, fname, kw, &rest, names, vals, &out);
    if (f < 0) return VAL_ERR;
    if (!f) return via_method_core(I, fname, method, flavor, argc, argv, kw);
    return finish_out(I, via_method_core(I, fname, method, flavor, argc, argv, &rest), out);
}
static Value via_method_core(Interp *I, const char *fname, const char *method, int flavor, int argc, const Value *argv, const KwArgs *kw) {
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
VIA(t_add, "add", "add", FLAVOR_TORCH)
VIA(t_sub, "sub", "sub", FLAVOR_TORCH)
VIA(t_mul, "mul", "mul", FLAVOR_TORCH)
VIA(t_eq, "eq", "eq", FLAVOR_TORCH)
VIA(t_ne, "ne", "ne", FLAVOR_TORCH)
VIA(t_lt, "lt", "lt", FLAVOR_TORCH)
VIA(t_le, "le", "le", FLAVOR_TORCH)
VIA(t_gt, "gt", "gt", FLAVOR_TORCH)
VIA(t_ge, "ge", "ge", FLAVOR_TORCH)
VIA(t_equal, "equal", "equal", FLAVOR_TORCH)
VIA(t_norm, "norm", "norm", FLAVOR_TORCH)
VIA(t_bmm, "bmm", "bmm", FLAVOR_TORCH)
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
    static const char *const names[] = {"x1", "x2", "out"};
    Value a[3];
    if (!nat_args(I, fname, argc, argv, kw, 3, names, 2, a)) return VAL_ERR;
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        if (!IS_TENSOR(a[2]) || AS_TENSOR(a[2])->flavor != FLAVOR_NUMPY) return err_raise(I, EXC_TypeError, "return arrays must be of ArrayType");
        Value r = np_binary(I, fname, op, 2, a, NULL);
        if (IS_ERR(r)) return r;
        Tensor *o = AS_TENSOR(a[2]);
        Tensor *t = IS_TENSOR(r) ? AS_TENSOR(r) : NULL;
        bool ok = t && tensor_assign(I, o, t);
        if (!t) err_raise(I, EXC_TypeError, "unsupported operand type for %s", fname);
        val_decref(r);
        if (!ok) return VAL_ERR;
        return val_incref(a[2]);
    }
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
    static const char *const names[] = {"object", "dtype", "copy", "ndmin"};
    Value a[4];
    if (!nat_args(I, "array", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    int64_t ndmin = 0;
    if (!IS_UNDEF(a[3]) && !val_as_index(I, a[3], &ndmin)) return VAL_ERR;
    if (ndmin > TENSOR_MAX_DIMS) return err_raise(I, EXC_ValueError, "ndmin bigger than allowable number of dimensions (ag: %d)", TENSOR_MAX_DIMS);
    int dt;
    if (!parse_dtype(I, a[1], &dt)) return VAL_ERR;
    if (IS_TENSOR(a[0]) && AS_TENSOR(a[0])->flavor == FLAVOR_TORCH && AS_TENSOR(a[0])->requires_grad)
        return err_raise(I, EXC_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    Tensor *t = tensor_from_value(I, a[0], dt, FLAVOR_NUMPY);
    if (!t) return VAL_ERR;
    t->flavor = FLAVOR_NUMPY; /* np.array(3.0) is a 0-d array, not a scalar */
    if (ndmin > t->ndim) { /* ndmin: leading axes of size 1 on the fresh (contiguous) array */
        int k = (int)ndmin - t->ndim;
        memmove(t->shape + k, t->shape, sizeof(int64_t) * (size_t)t->ndim);
        memmove(t->stride + k, t->stride, sizeof(int64_t) * (size_t)t->ndim);
        for (int d = 0; d < k; d++) { t->shape[d] = 1; t->stride[d] = t->numel ? t->numel : 1; }
        t->ndim = (int)ndmin;
    }
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
typedef struct { int dtype; Value rg, gen; } CreateKw;
static bool create_kw(Interp *I, const char *fname, const KwArgs *kw, CreateKw *c, Value *size) {
    c->dtype = -1;
    c->rg = VAL_UNDEF;
    c->gen = VAL_UNDEF;
    if (size) *size = VAL_UNDEF;
    if (!kw) return true;
    for (int i = 0; i < kw->n; i++) {
        const char *n = str_cstr(kw->names[i]);
        if (!strcmp(n, "dtype")) { if (!parse_dtype(I, kw->vals[i], &c->dtype)) return false; }
        else if (!strcmp(n, "requires_grad")) c->rg = kw->vals[i];
        else if (!strcmp(n, "size") && size) *size = kw->vals[i];
        else if (!strcmp(n, "generator")) c->gen = kw->vals[i];
        else if (!strcmp(n, "device") || !strcmp(n, "layout")) continue;
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
    static const char *const names[] = {"input", "dtype", "requires_grad", "device"};
    Value a[4];
    if (!nat_args(I, fname, argc, argv, kw, flavor == FLAVOR_TORCH ? 4 : 3, names, 1, a)) return VAL_ERR;
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
static double num(Value v) { return IS_FLOAT(v) ? v.as.f : IS_INT(v) ? (double)v.as.i : IS_BOOL(v) ? v.as.b : 0; }
/* rand_like / randn_like / full_like: input's shape (and dtype unless given) */
static Value like_rand_full(Interp *I, const char *fname, int mode, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names3[] = {"input", "dtype", "requires_grad", "device"};
    static const char *const names4[] = {"input", "fill_value", "dtype", "requires_grad", "device"};
    Value a[5];
    bool full = mode == 2;
    if (!nat_args(I, fname, argc, argv, kw, full ? 5 : 4, full ? names4 : names3, full ? 2 : 1, a)) return VAL_ERR;
    Value dtv = full ? a[2] : a[1], rg = full ? a[3] : a[2];
    Tensor *x = arg_tensor(I, fname, a[0], FLAVOR_TORCH);
    if (!x) return VAL_ERR;
    int dt;
    if (!parse_dtype(I, dtv, &dt)) { TDEC(x); return VAL_ERR; }
    DType d = dt >= 0 ? (DType)dt : x->dtype;
    if (!full && !dtype_is_float(d)) {
        TDEC(x);
        return err_raise(I, EXC_RuntimeError, "\"%s\" not implemented for '%s'", mode ? "normal_kernel_cpu" : "check_uniform_bounds", d == DT_INT64 ? "Long" : "Bool");
    }
    if (full && !IS_NUM(a[1])) { TDEC(x); return err_raise(I, EXC_TypeError, "full_like(): argument 'fill_value' must be Number, not %s", val_type_name(a[1])); }
    Tensor *t = tensor_new(I, d, FLAVOR_TORCH, x->ndim, x->shape);
    TDEC(x);
    if (!t) return VAL_ERR;
    if (full) {
        double v = num(a[1]);
        for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, v);
    } else if (mode == 1) rng_torch_normal(t);
    else rng_torch_uniform(t);
    if (!apply_requires_grad(I, t, rg)) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}
static Value t_size(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "Size() takes no keyword arguments");
    if (argc > 1) return err_raise(I, EXC_TypeError, "Size() takes at most 1 argument (%d given)", argc);
    if (argc == 0) { Tuple *t = tuple_new(I, 0); if (!t) return VAL_ERR; Value v = tensor_size_new(I, val_obj(t)); val_decref(val_obj(t)); return v; }
    return tensor_size_new(I, argv[0]);
}
static Value t_rand_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_rand_full(I, "rand_like", 0, argc, argv, kw); }
static Value t_randn_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_rand_full(I, "randn_like", 1, argc, argv, kw); }
static Value t_full_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_rand_full(I, "full_like", 2, argc, argv, kw); }
static Value t_zeros_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "zeros_like", FLAVOR_TORCH, 0, argc, argv, kw); }
static Value t_ones_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "ones_like", FLAVOR_TORCH, 1, argc, argv, kw); }
static Value np_zeros_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "zeros_like", FLAVOR_NUMPY, 0, argc, argv, kw); }
static Value np_ones_like(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return like_impl(I, "ones_like", FLAVOR_NUMPY, 1, argc, argv, kw); }


static Value arange_impl(Interp *I, int flavor, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"start", "end", "step", "dtype", "requires_grad", "device"};
    Value a[6];
    if (!nat_args(I, "arange", argc, argv, kw, flavor == FLAVOR_TORCH ? 6 : 5, names, 1, a)) return VAL_ERR;
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
    static const char *const names[] = {"start", "end", "steps", "dtype", "requires_grad", "device"};
    Value a[6];
    if (!nat_args(I, "linspace", argc, argv, kw, 6, names, 3, a)) return VAL_ERR;
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
    static const char *const names[] = {"n", "m", "dtype", "requires_grad", "device"};
    Value a[5];
    if (!nat_args(I, "eye", argc, argv, kw, flavor == FLAVOR_TORCH ? 5 : 4, names, 1, a)) return VAL_ERR;
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
    if (!ttorch_gen_swap(I, fname, c.gen)) { TDEC(t); return VAL_ERR; }
    if (normal) rng_torch_normal(t);
    else rng_torch_uniform(t);
    ttorch_gen_swap(I, fname, c.gen);
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
    return ttorch_generator_new(I);
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
    if (!ttorch_gen_swap(I, "randint", c.gen)) { TDEC(t); return VAL_ERR; }
    rng_torch_randint(t, lo, hi);
    ttorch_gen_swap(I, "randint", c.gen);
    if (!apply_requires_grad(I, t, c.rg)) { TDEC(t); return VAL_ERR; }
    return val_obj(t);
}

/* RandomState support for stdlib/numpy.ag: a state holder (an int64 array whose bytes are a
 * saved legacy state, unseeded), and fn(*args, **kw) run with that state swapped in. */
static Value npr_state_new(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "np_rng_state", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    int64_t n = (int64_t)((rng_np_state_size() + 7) / 8);
    Tensor *t = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 1, &n);
    if (!t) return VAL_ERR;
    memset(t->storage->data, 0, (size_t)n * 8);
    return val_obj(t);
}
static Value npr_with_state(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 2 || !IS_TENSOR(argv[0]) || AS_TENSOR(argv[0])->dtype != DT_INT64 || AS_TENSOR(argv[0])->offset != 0 ||
        (size_t)AS_TENSOR(argv[0])->numel * 8 < rng_np_state_size())
        return err_raise(I, EXC_TypeError, "np_rng_with(state, fn, *args, **kw): state must come from np_rng_state()");
    void *buf = AS_TENSOR(argv[0])->storage->data;
    rng_np_swap(buf);
    Value r = val_call(I, argv[1], argc - 2, argv + 2, kw);
    rng_np_swap(buf);
    return r;
}
/* np.r_ / np.c_: an object whose [key] calls an ag function with the key (stdlib/numpy.ag's
 * AxisConcatenator); ag code has no __getitem__ of its own to give it */
typedef struct { Obj h; Value fn; Str *name; } NpIndexer;
static void npix_free(Obj *o) {
    NpIndexer *x = (NpIndexer *)o;
    val_decref(x->fn);
    if (x->name) obj_decref(&x->name->h);
    obj_dealloc(o, sizeof(NpIndexer));
}
static bool npix_repr(Interp *I, StrBuf *sb, Value self) {
    (void)I;
    sb_printf(sb, "<numpy.lib.index_tricks.%s object at %p>", str_cstr(((NpIndexer *)AS_OBJ(self))->name), (void *)AS_OBJ(self));
    return true;
}
static Value npix_getitem(Interp *I, Value self, Value key) { return val_call(I, ((NpIndexer *)AS_OBJ(self))->fn, 1, &key, NULL); }
static const ObjClass npix_class = {.name = "AxisConcatenator", .free = npix_free, .repr = npix_repr, .getitem = npix_getitem};
static Value np_indexer(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"fn", "name"};
    Value a[2];
    if (!nat_args(I, "np_indexer", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    if (!IS_A(a[1], str_class)) return err_raise(I, EXC_TypeError, "np_indexer(): name must be str");
    NpIndexer *x = obj_new(I, &npix_class, sizeof(NpIndexer));
    if (!x) return VAL_ERR;
    x->fn = val_incref(a[0]);
    x->name = (Str *)AS_OBJ(val_incref(a[1]));
    return val_obj(x);
}
/* np.random.default_rng support for stdlib/numpy.ag: a PCG64 state holder (an int64 array whose
 * bytes are the state) seeded from an int's 32-bit words (or from /dev/urandom), and its draws */
static void *pcg_buf(Interp *I, Value st) {
    if (!IS_TENSOR(st) || AS_TENSOR(st)->dtype != DT_INT64 || AS_TENSOR(st)->offset != 0 ||
        (size_t)AS_TENSOR(st)->numel * 8 < rng_pcg_state_size()) {
        err_raise(I, EXC_TypeError, "np_pcg: the state must come from np_pcg_new()");
        return NULL;
    }
    return AS_TENSOR(st)->storage->data;
}
static Value np_pcg_new(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"seed"};
    Value a[1];
    if (!nat_args(I, "np_pcg_new", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    uint32_t words[4] = {0};
    int n = 1;
    if (IS_NONE(a[0])) {
        FILE *f = fopen("/dev/urandom", "rb");
        n = 4;
        if (!f || fread(words, sizeof words[0], 4, f) != 4) { words[0] = (uint32_t)time(NULL); words[1] = (uint32_t)getpid(); }
        if (f) fclose(f);
    } else {
        int64_t v;
        if (!val_as_index(I, a[0], &v)) return VAL_ERR;
        if (v < 0) return err_raise(I, EXC_ValueError, "expected non-negative integer");
        words[0] = (uint32_t)v;
        if ((uint64_t)v >> 32) { words[1] = (uint32_t)((uint64_t)v >> 32); n = 2; }
    }
    int64_t cnt = (int64_t)((rng_pcg_state_size() + 7) / 8);
    Tensor *t = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 1, &cnt);
    if (!t) return VAL_ERR;
    rng_pcg_seed(t->storage->data, words, n);
    return val_obj(t);
}
/* np_pcg_draw(state, kind, n, lo=0, span=0): n float64 uniforms (kind 0), int64 lo + [0, span]
 * by Lemire (kind 1), one random_interval(span) as an int (kind 2), n standard normals (kind 3) */
static Value np_pcg_draw(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"state", "kind", "n", "lo", "span"};
    Value a[5];
    if (!nat_args(I, "np_pcg_draw", argc, argv, kw, 5, names, 3, a)) return VAL_ERR;
    void *buf = pcg_buf(I, a[0]);
    int64_t kind, n, lo = 0, span = 0;
    if (!buf || !val_as_index(I, a[1], &kind) || !val_as_index(I, a[2], &n)) return VAL_ERR;
    if (!IS_UNDEF(a[3]) && !val_as_index(I, a[3], &lo)) return VAL_ERR;
    if (!IS_UNDEF(a[4]) && !val_as_index(I, a[4], &span)) return VAL_ERR;
    if (kind == 2) return val_int((int64_t)rng_pcg_interval(buf, (uint64_t)span));
    if (n < 0) return err_raise(I, EXC_ValueError, "negative dimensions are not allowed");
    Tensor *t = tensor_new(I, kind == 0 || kind == 3 ? DT_FLOAT64 : DT_INT64, FLAVOR_NUMPY, 1, &n);
    if (!t) return VAL_ERR;
    for (int64_t i = 0; i < n; i++) {
        if (kind == 0) ((double *)t->storage->data)[i] = rng_pcg_double(buf);
        else if (kind == 3) ((double *)t->storage->data)[i] = rng_pcg_normal(buf);
        else ((int64_t *)t->storage->data)[i] = (int64_t)((uint64_t)lo + rng_pcg_bounded(buf, (uint64_t)span));
    }
    return val_obj(t);
}
static Value np_namespace(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"name"};
    Value a[1];
    if (!nat_args(I, "np_namespace", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    if (!IS_A(a[0], str_class)) return err_raise(I, EXC_TypeError, "np_namespace(): name must be str");
    Module *m = module_new(I, str_cstr((Str *)AS_OBJ(a[0])));
    return m ? val_obj(m) : VAL_ERR;
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

/* ---- NumPy extras: more elementwise functions, cumulative ops, prod, sort/argsort, shuffle ---- */
enum { NU_SQUARE, NU_SIGN, NU_NEGATIVE, NU_RECIPROCAL, NU_FLOOR, NU_CEIL, NU_TRUNC, NU_RINT, NU_LOG2, NU_LOG10,
       NU_LOG1P, NU_EXPM1, NU_EXP2, NU_TAN, NU_ARCSIN, NU_ARCCOS, NU_ARCTAN, NU_SINH, NU_COSH, NU_CBRT,
       NU_ISNAN, NU_ISINF, NU_ISFINITE, NU_ROUND };
static double nu_f64(int k, double x, double p) {
    switch (k) {
    case NU_SQUARE: return x * x;
    case NU_SIGN: return isnan(x) ? x : (x > 0) - (x < 0);
    case NU_NEGATIVE: return -x;
    case NU_RECIPROCAL: return 1.0 / x;
    case NU_FLOOR: return floor(x);
    case NU_CEIL: return ceil(x);
    case NU_TRUNC: return trunc(x);
    case NU_RINT: return nearbyint(x);
    case NU_LOG2: return log2(x);
    case NU_LOG10: return log10(x);
    case NU_LOG1P: return log1p(x);
    case NU_EXPM1: return expm1(x);
    case NU_EXP2: return exp2(x);
    case NU_TAN: return tan(x);
    case NU_ARCSIN: return asin(x);
    case NU_ARCCOS: return acos(x);
    case NU_ARCTAN: return atan(x);
    case NU_SINH: return sinh(x);
    case NU_COSH: return cosh(x);
    case NU_CBRT: return cbrt(x);
    case NU_ISNAN: return isnan(x);
    case NU_ISINF: return isinf(x);
    case NU_ISFINITE: return isfinite(x);
    case NU_ROUND:
        if (p >= 0) { double f = pow(10.0, p); return nearbyint(x * f) / f; }
        else { double f = pow(10.0, -p); return nearbyint(x / f) * f; }
    }
    return x;
}
static float nu_f32(int k, float x, double p) {
    switch (k) {
    case NU_SQUARE: return x * x;
    case NU_RECIPROCAL: return 1.0f / x;
    case NU_LOG2: return log2f(x);
    case NU_LOG10: return log10f(x);
    case NU_LOG1P: return log1pf(x);
    case NU_EXPM1: return expm1f(x);
    case NU_EXP2: return exp2f(x);
    case NU_TAN: return tanf(x);
    case NU_ARCSIN: return asinf(x);
    case NU_ARCCOS: return acosf(x);
    case NU_ARCTAN: return atanf(x);
    case NU_SINH: return sinhf(x);
    case NU_COSH: return coshf(x);
    case NU_CBRT: return cbrtf(x);
    case NU_ROUND:
        if (p >= 0) { float f = (float)pow(10.0, p); return nearbyintf(x * f) / f; }
        else { float f = (float)pow(10.0, -p); return nearbyintf(x / f) * f; }
    default: return (float)nu_f64(k, x, p);
    }
}
static const char *const nu_names[] = {"square", "sign", "negative", "reciprocal", "floor", "ceil", "trunc", "rint",
    "log2", "log10", "log1p", "expm1", "exp2", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "cbrt",
    "isnan", "isinf", "isfinite", "round"};
static Value np_unary_k(Interp *I, int k, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"x", "decimals"};
    const char *fname = nu_names[k];
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, k == NU_ROUND ? 2 : 1, names, 1, a)) return VAL_ERR;
    int64_t dec = 0;
    if (k == NU_ROUND && !IS_UNDEF(a[1]) && !val_as_index(I, a[1], &dec)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    DType in = x->dtype, out = in;
    bool keep_int = k == NU_SQUARE || k == NU_SIGN || k == NU_NEGATIVE || k == NU_RECIPROCAL || k == NU_ROUND;
    if (k >= NU_ISNAN && k <= NU_ISFINITE) out = DT_BOOL;
    else if (!dtype_is_float(in)) {
        if (in == DT_BOOL && (k == NU_SIGN || k == NU_NEGATIVE)) {
            TDEC(x);
            return err_raise(I, EXC_TypeError, k == NU_NEGATIVE ? "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."
                                                            : "ufunc 'sign' did not contain a loop with signature matching types <class 'numpy.dtype[bool_]'> -> None");
        }
        out = keep_int ? (in == DT_BOOL && k != NU_SQUARE ? DT_INT64 : in) : DT_FLOAT64;
    }
    if (k == NU_ROUND && !dtype_is_float(in) && dec >= 0) { /* integers round to themselves */
        Tensor *o = tensor_copy(I, x, in);
        int fl = x->flavor;
        TDEC(x);
        if (!o) return VAL_ERR;
        if (fl == FLAVOR_TORCH) o->flavor = FLAVOR_NUMPY;
        return tensor_result(I, o);
    }
    Tensor *o = tensor_new(I, out, FLAVOR_NUMPY, x->ndim, x->shape);
    if (!o) { TDEC(x); return VAL_ERR; }
    int64_t n = x->numel;
    for (int64_t i = 0; i < n; i++) {
        if (in == DT_INT64 && out == DT_INT64) {
            int64_t v = tensor_get_i64(x, i), r = v;
            switch (k) {
            case NU_SQUARE: r = (int64_t)((uint64_t)v * (uint64_t)v); break;
            case NU_SIGN: r = (v > 0) - (v < 0); break;
            case NU_NEGATIVE: r = (int64_t)(0 - (uint64_t)v); break;
            case NU_RECIPROCAL: r = v == 0 ? INT64_MIN : (v == 1 ? 1 : (v == -1 ? -1 : 0)); break;
            case NU_ROUND: { int64_t p = 1; for (int64_t j = 0; j < -dec && j < 19; j++) p *= 10;
                double q = nearbyint((double)v / (double)p); r = (int64_t)(q * (double)p); break; }
            }
            ((int64_t *)o->storage->data)[i] = r;
        } else if (out == DT_FLOAT32) {
            ((float *)o->storage->data)[i] = nu_f32(k, (float)tensor_get(x, i), (double)dec);
        } else {
            double v = nu_f64(k, tensor_get(x, i), (double)dec);
            if (out == DT_BOOL) v = v != 0;
            tensor_set(o, i, v);
        }
    }
    if (x->flavor == FLAVOR_NUMPY_SCALAR) o->flavor = FLAVOR_NUMPY_SCALAR;
    TDEC(x);
    return tensor_result(I, o);
}
#define NU(fn, k) static Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_unary_k(I, k, argc, argv, kw); }
NU(np_square, NU_SQUARE) NU(np_sign, NU_SIGN) NU(np_negative, NU_NEGATIVE) NU(np_reciprocal, NU_RECIPROCAL)
NU(np_floor, NU_FLOOR) NU(np_ceil, NU_CEIL) NU(np_trunc, NU_TRUNC) NU(np_rint, NU_RINT) NU(np_log2, NU_LOG2)
NU(np_log10, NU_LOG10) NU(np_log1p, NU_LOG1P) NU(np_expm1, NU_EXPM1) NU(np_exp2, NU_EXP2) NU(np_tan, NU_TAN)
NU(np_arcsin, NU_ARCSIN) NU(np_arccos, NU_ARCCOS) NU(np_arctan, NU_ARCTAN) NU(np_sinh, NU_SINH) NU(np_cosh, NU_COSH)
NU(np_cbrt, NU_CBRT) NU(np_isnan, NU_ISNAN) NU(np_isinf, NU_ISINF) NU(np_isfinite, NU_ISFINITE) NU(np_round, NU_ROUND)

/* axis argument of the functions below: None → the flattened array (*flat), else a dim */
static bool np_axis(Interp *I, Tensor *t, Value v, int *axis, bool *flat) {
    *flat = IS_UNDEF(v) || IS_NONE(v);
    *axis = 0;
    if (*flat) return true;
    int64_t d;
    if (!val_as_index(I, v, &d)) return false;
    int nd = t->ndim;
    if (d < -nd || d >= nd || nd == 0) { exc_raise_axis(I, d, nd); return false; }
    *axis = (int)(d < 0 ? d + nd : d);
    return true;
}
/* a contiguous float64/int64 copy viewed as [outer, n, inner] along axis (flattened when flat) */
static Tensor *np_lanes(Interp *I, Tensor *x, DType dt, int axis, bool flat, int64_t *outer, int64_t *n, int64_t *inner) {
    Tensor *c = tensor_copy(I, x, dt);
    if (!c) return NULL;
    c->flavor = FLAVOR_NUMPY;
    if (flat) { *outer = 1; *n = c->numel; *inner = 1; return c; }
    *outer = 1; *inner = 1; *n = c->shape[axis];
    for (int d = 0; d < axis; d++) *outer *= c->shape[d];
    for (int d = axis + 1; d < c->ndim; d++) *inner *= c->shape[d];
    return c;
}
static DType np_acc_dtype(DType d) { return d == DT_BOOL ? DT_INT64 : d; }
/* cumsum / cumprod(a, axis=None): sequential, as add.accumulate */
static Value np_cum(Interp *I, const char *fname, bool prod, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "axis"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    int axis; bool flat; int64_t outer, n, inner;
    if (!np_axis(I, x, a[1], &axis, &flat)) { TDEC(x); return VAL_ERR; }
    DType dt = np_acc_dtype(x->dtype);
    Tensor *c = np_lanes(I, x, dt, axis, flat, &outer, &n, &inner);
    TDEC(x);
    if (!c) return VAL_ERR;
    if (flat) { c->ndim = 1; c->shape[0] = c->numel; c->stride[0] = 1; }
    for (int64_t o = 0; o < outer; o++)
        for (int64_t in = 0; in < inner; in++)
            for (int64_t k = 1; k < n; k++) {
                int64_t i = (o * n + k) * inner + in, j = i - inner;
                if (dt == DT_INT64) {
                    int64_t *p = (int64_t *)c->storage->data;
                    p[i] = prod ? (int64_t)((uint64_t)p[i] * (uint64_t)p[j]) : (int64_t)((uint64_t)p[i] + (uint64_t)p[j]);
                } else if (dt == DT_FLOAT32) {
                    float *p = (float *)c->storage->data;
                    p[i] = prod ? p[j] * p[i] : p[j] + p[i];
                } else {
                    double *p = (double *)c->storage->data;
                    p[i] = prod ? p[j] * p[i] : p[j] + p[i];
                }
            }
    return val_obj(c);
}
static Value np_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_cum(I, "cumsum", false, argc, argv, kw); }
static Value np_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_cum(I, "cumprod", true, argc, argv, kw); }
/* prod(a, axis=None, keepdims=False): sequential, as multiply.reduce */
static Value np_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "axis", "dtype", "out", "keepdims"};
    Value a[5];
    if (!nat_args(I, "prod", argc, argv, kw, 5, names, 1, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, "prod", a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    int axis; bool flat, keep = false; int64_t outer = 0, n = 0, inner = 0;
    if (!np_axis(I, x, a[1], &axis, &flat)) { TDEC(x); return VAL_ERR; }
    if (!IS_UNDEF(a[4])) { int b = val_truth(I, a[4]); if (b < 0) { TDEC(x); return VAL_ERR; } keep = b; }
    DType dt = np_acc_dtype(x->dtype);
    Tensor *c = np_lanes(I, x, dt, axis, flat, &outer, &n, &inner);
    int64_t osh[TENSOR_MAX_DIMS];
    int ond = 0;
    for (int d = 0; d < x->ndim; d++) {
        if (flat || d == axis) { if (keep) osh[ond++] = 1; }
        else osh[ond++] = x->shape[d];
    }
    TDEC(x);
    if (!c) return VAL_ERR;
    Tensor *o = tensor_new(I, dt, FLAVOR_NUMPY, ond, osh);
    if (!o) { TDEC(c); return VAL_ERR; }
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            int64_t base = ou * n * inner + in;
            if (dt == DT_INT64) {
                uint64_t r = 1;
                for (int64_t k = 0; k < n; k++) r *= (uint64_t)((int64_t *)c->storage->data)[base + k * inner];
                ((int64_t *)o->storage->data)[ou * inner + in] = (int64_t)r;
            } else if (dt == DT_FLOAT32) {
                float r = 1;
                for (int64_t k = 0; k < n; k++) r *= ((float *)c->storage->data)[base + k * inner];
                ((float *)o->storage->data)[ou * inner + in] = r;
            } else {
                double r = 1;
                for (int64_t k = 0; k < n; k++) r *= ((double *)c->storage->data)[base + k * inner];
                ((double *)o->storage->data)[ou * inner + in] = r;
            }
        }
    TDEC(c);
    return tensor_result(I, o);
}

/* NumPy's default sort (introsort, npysort/quicksort.cpp aquicksort_) on an index array, so
 * that argsort breaks ties as NumPy does. NaN sorts last. */
static bool nq_less(double a, double b) { return a < b || (b != b && a == a); }
static void np_aheapsort(const double *v, int64_t *tosort, int64_t n) {
    int64_t *a = tosort - 1, i, j, l, tmp;
    for (l = n >> 1; l > 0; --l) {
        tmp = a[l];
        for (i = l, j = l << 1; j <= n;) {
            if (j < n && nq_less(v[a[j]], v[a[j + 1]])) j += 1;
            if (nq_less(v[tmp], v[a[j]])) { a[i] = a[j]; i = j; j += j; }
            else break;
        }
        a[i] = tmp;
    }
    for (; n > 1;) {
        tmp = a[n]; a[n] = a[1]; n -= 1;
        for (i = 1, j = 2; j <= n;) {
            if (j < n && nq_less(v[a[j]], v[a[j + 1]])) j++;
            if (nq_less(v[tmp], v[a[j]])) { a[i] = a[j]; i = j; j += j; }
            else break;
        }
        a[i] = tmp;
    }
}
#define NQ_SWAP(a, b) do { int64_t t_ = (a); (a) = (b); (b) = t_; } while (0)
static void np_aquicksort(const double *v, int64_t *tosort, int64_t num) {
    int64_t *pl = tosort, *pr = tosort + num - 1;
    int64_t *stack[128], **sptr = stack, *pm, *pi, *pj, *pk, vi;
    int depth[64], *psdepth = depth, cdepth = 0;
    double vp;
    for (int64_t m = num; m > 1; m >>= 1) cdepth++;
    cdepth *= 2;
    for (;;) {
        if (cdepth < 0) { np_aheapsort(v, pl, pr - pl + 1); goto stack_pop; }
        while ((pr - pl) > 16) {
            pm = pl + ((pr - pl) >> 1);
            if (nq_less(v[*pm], v[*pl])) NQ_SWAP(*pm, *pl);
            if (nq_less(v[*pr], v[*pm])) NQ_SWAP(*pr, *pm);
            if (nq_less(v[*pm], v[*pl])) NQ_SWAP(*pm, *pl);
            vp = v[*pm];
            pi = pl; pj = pr - 1;
            NQ_SWAP(*pm, *pj);
            for (;;) {
                do ++pi; while (nq_less(v[*pi], vp));
                do --pj; while (nq_less(vp, v[*pj]));
                if (pi >= pj) break;
                NQ_SWAP(*pi, *pj);
            }
            pk = pr - 1;
            NQ_SWAP(*pi, *pk);
            if (pi - pl < pr - pi) { *sptr++ = pi + 1; *sptr++ = pr; pr = pi - 1; }
            else { *sptr++ = pl; *sptr++ = pi - 1; pl = pi + 1; }
            *psdepth++ = --cdepth;
        }
        for (pi = pl + 1; pi <= pr; ++pi) {
            vi = *pi; vp = v[vi]; pj = pi; pk = pi - 1;
            while (pj > pl && nq_less(vp, v[*pk])) *pj-- = *pk--;
            *pj = vi;
        }
    stack_pop:
        if (sptr == stack) break;
        pr = *(--sptr); pl = *(--sptr); cdepth = *(--psdepth);
    }
}
/* sort / argsort(a, axis=-1) */
/* kind='stable'/'mergesort': NumPy's stable sorts keep equal keys in their original order,
 * so any sort that breaks ties by index gives the same result (nan after everything). */
typedef struct { double v; int64_t i64, idx; } NpSortKey;
static int np_stable_cmp_f(const void *pa, const void *pb) {
    const NpSortKey *a = pa, *b = pb;
    bool na = isnan(a->v), nb = isnan(b->v);
    if (na != nb) return na ? 1 : -1;
    if (!na && a->v != b->v) return a->v < b->v ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}
static int np_stable_cmp_i(const void *pa, const void *pb) {
    const NpSortKey *a = pa, *b = pb;
    if (a->i64 != b->i64) return a->i64 < b->i64 ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}
static bool np_stable_argsort(const double *v, const int64_t *iv, int64_t *idx, int64_t n) {
    NpSortKey *k = mem_alloc(sizeof(NpSortKey) * (size_t)(n ? n : 1));
    if (!k) return false;
    for (int64_t j = 0; j < n; j++) k[j] = (NpSortKey){v[j], iv ? iv[j] : 0, j};
    qsort(k, (size_t)n, sizeof *k, iv ? np_stable_cmp_i : np_stable_cmp_f);
    for (int64_t j = 0; j < n; j++) idx[j] = k[j].idx;
    mem_free(k, sizeof(NpSortKey) * (size_t)(n ? n : 1));
    return true;
}

static Value np_sort_impl(Interp *I, const char *fname, bool arg, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "axis", "kind", "order"};
    Value a[4];
    if (!nat_args(I, fname, argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    Tensor *x = arg_tensor(I, fname, a[0], FLAVOR_NUMPY);
    if (!x) return VAL_ERR;
    int axis; bool flat; int64_t outer, n, inner;
    Value av = IS_UNDEF(a[1]) ? val_int(-1) : a[1];
    bool stable = false;
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        const char *k = IS_A(a[2], str_class) ? str_cstr((Str *)AS_OBJ(a[2])) : "";
        if (!strcmp(k, "stable") || !strcmp(k, "mergesort")) stable = true;
        else if (strcmp(k, "quicksort") && strcmp(k, "heapsort")) {
            TDEC(x);
            return err_raise(I, EXC_ValueError, "sort kind must be one of 'quick', 'heap', or 'stable' (got '%s')", k);
        }
    }
    if (x->ndim == 0 && !IS_NONE(av)) { TDEC(x); return exc_raise_axis(I, -1, 0); }
    if (!np_axis(I, x, av, &axis, &flat)) { TDEC(x); return VAL_ERR; }
    Tensor *c = np_lanes(I, x, x->dtype, axis, flat, &outer, &n, &inner);
    TDEC(x);
    if (!c) return VAL_ERR;
    if (flat) { c->ndim = 1; c->shape[0] = c->numel; c->stride[0] = 1; }
    Tensor *o = arg ? tensor_new(I, DT_INT64, FLAVOR_NUMPY, c->ndim, c->shape) : NULL;
    double *v = mem_alloc(sizeof(double) * (size_t)(n ? n : 1));
    int64_t *idx = mem_alloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    double *tmp = mem_alloc(sizeof(double) * (size_t)(n ? n : 1));
    if ((arg && !o) || !v || !idx || !tmp) {
        if (v) mem_free(v, sizeof(double) * (size_t)(n ? n : 1));
        if (idx) mem_free(idx, sizeof(int64_t) * (size_t)(n ? n : 1));
        if (tmp) mem_free(tmp, sizeof(double) * (size_t)(n ? n : 1));
        TDEC(o); TDEC(c);
        if (!arg || o) err_nomem(I);
        return VAL_ERR;
    }
    bool i64 = c->dtype == DT_INT64;
    int64_t *iv = (int64_t *)tmp;
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            int64_t base = ou * n * inner + in;
            for (int64_t k = 0; k < n; k++) { v[k] = tensor_get(c, base + k * inner); idx[k] = k; }
            if (i64) for (int64_t k = 0; k < n; k++) iv[k] = ((int64_t *)c->storage->data)[base + k * inner];
            if (!stable) np_aquicksort(v, idx, n);
            else if (!np_stable_argsort(v, i64 ? iv : NULL, idx, n)) {
                mem_free(v, sizeof(double) * (size_t)(n ? n : 1));
                mem_free(idx, sizeof(int64_t) * (size_t)(n ? n : 1));
                mem_free(tmp, sizeof(double) * (size_t)(n ? n : 1));
                TDEC(o); TDEC(c);
                return err_nomem(I);
            }
            for (int64_t k = 0; k < n; k++) {
                if (arg) ((int64_t *)o->storage->data)[base + k * inner] = idx[k];
                else if (i64) ((int64_t *)c->storage->data)[base + k * inner] = iv[idx[k]];
                else tensor_set(c, base + k * inner, v[idx[k]]);
            }
        }
    mem_free(v, sizeof(double) * (size_t)(n ? n : 1));
    mem_free(idx, sizeof(int64_t) * (size_t)(n ? n : 1));
    mem_free(tmp, sizeof(double) * (size_t)(n ? n : 1));
    if (arg) { TDEC(c); return val_obj(o); }
    return val_obj(c);
}
static Value np_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_sort_impl(I, "sort", false, argc, argv, kw); }
static Value np_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_sort_impl(I, "argsort", true, argc, argv, kw); }

/* np.random.shuffle(x): RandomState's Fisher-Yates along axis 0 (random_interval draws), in place */
static Value npr_shuffle(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"x"};
    Value a[1];
    if (!nat_args(I, "shuffle", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    if (IS_A(a[0], list_class)) {
        List *l = (List *)AS_OBJ(a[0]);
        Tensor *r = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 0, NULL);
        if (!r) return VAL_ERR;
        for (int64_t i = (int64_t)l->len - 1; i > 0; i--) {
            rng_np_randint(r, 0, i + 1);
            int64_t j = ((int64_t *)r->storage->data)[0];
            Value t = l->items[i]; l->items[i] = l->items[j]; l->items[j] = t;
        }
        TDEC(r);
        return VAL_NONE;
    }
    if (!IS_TENSOR(a[0]) || AS_TENSOR(a[0])->ndim == 0) return err_raise(I, EXC_TypeError, "shuffle() expects a NumPy array or a list");
    Tensor *x = AS_TENSOR(a[0]);
    int64_t n = x->shape[0], row = n ? x->numel / n : 0;
    Tensor *r = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 0, NULL);
    if (!r) return VAL_ERR;
    for (int64_t i = n - 1; i > 0; i--) {
        rng_np_randint(r, 0, i + 1);
        int64_t j = ((int64_t *)r->storage->data)[0];
        if (j == i) continue;
        for (int64_t k = 0; k < row; k++) {
            int64_t p = i * row + k, q = j * row + k;
            if (x->dtype == DT_INT64) {
                int64_t vp = tensor_get_i64(x, p), vq = tensor_get_i64(x, q);
                /* tensor_set takes a double: write int64 exactly through the logical index */
                tensor_set(x, p, (double)vq); tensor_set(x, q, (double)vp);
            } else {
                double vp = tensor_get(x, p), vq = tensor_get(x, q);
                tensor_set(x, p, vq); tensor_set(x, q, vp);
            }
        }
    }
    x->storage->version++;
    TDEC(r);
    return VAL_NONE;
}

/* NumPy-only Tensor methods (tensor.c's method table points here); self is argv[0] */
static bool np_self(Interp *I, const char *name, int argc, const Value *argv) {
    if (argc >= 1 && IS_TENSOR(argv[0]) && AS_TENSOR(argv[0])->flavor != FLAVOR_TORCH) return true;
    err_raise(I, EXC_AttributeError, "'Tensor' object has no attribute '%s'", name);
    return false;
}
Value tlib_m_round(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_self(I, "round", argc, argv) ? np_round(I, argc, argv, kw) : VAL_ERR; }
Value tlib_m_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_self(I, "cumsum", argc, argv) ? np_cumsum(I, argc, argv, kw) : VAL_ERR; }
Value tlib_m_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_self(I, "cumprod", argc, argv) ? np_cumprod(I, argc, argv, kw) : VAL_ERR; }
Value tlib_m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_self(I, "prod", argc, argv) ? np_prod(I, argc, argv, kw) : VAL_ERR; }
Value tlib_m_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return np_self(I, "argsort", argc, argv) ? np_argsort(I, argc, argv, kw) : VAL_ERR; }
/* NumPy's a.nonzero(): a tuple of int64 arrays, one per axis, of the non-zero elements'
 * coordinates in C order (a 0-d array counts as 1-d). */
Value tlib_m_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "nonzero", argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    Tensor *t = AS_TENSOR(argv[0]);
    int nd = t->ndim ? t->ndim : 1;
    int64_t cnt = 0;
    for (int64_t i = 0; i < t->numel; i++) cnt += tensor_get(t, i) != 0;
    Tuple *tu = tuple_new(I, nd);
    if (!tu) return VAL_ERR;
    int64_t *cols[TENSOR_MAX_DIMS];
    for (int d = 0; d < nd; d++) {
        Tensor *o = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 1, &cnt);
        if (!o) { obj_decref((Obj *)tu); return VAL_ERR; }
        tu->items[d] = val_obj(o);
        cols[d] = (int64_t *)o->storage->data;
    }
    int64_t k = 0;
    for (int64_t i = 0; i < t->numel; i++) {
        if (tensor_get(t, i) == 0) continue;
        int64_t rem = i;
        for (int d = nd - 1; d >= 0; d--) {
            int64_t n = t->ndim ? t->shape[d] : 1;
            cols[d][k] = rem % n;
            rem /= n;
        }
        k++;
    }
    return val_obj(tu);
}

/* a.sort(axis=-1): in place, returns None */
Value tlib_m_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!np_self(I, "sort", argc, argv)) return VAL_ERR;
    Value r = np_sort(I, argc, argv, kw);
    if (IS_ERR(r)) return r;
    Tensor *t = AS_TENSOR(argv[0]), *s = AS_TENSOR(r);
    for (int64_t i = 0; i < t->numel; i++) {
        if (t->dtype == DT_INT64) tensor_set(t, i, (double)tensor_get_i64(s, i));
        else tensor_set(t, i, tensor_get(s, i));
    }
    t->storage->version++;
    val_decref(r);
    return VAL_NONE;
}

/* ---- np.set_printoptions / np.get_printoptions ------------------------------------------- */
static const char *const np_floatmodes[] = {"fixed", "unique", "maxprec", "maxprec_equal"}; /* TprintFloatMode order */
static const char *const np_printopt_names[] = {"precision", "threshold", "edgeitems", "linewidth", "suppress", "nanstr",
                                                "infstr", "sign", "formatter", "floatmode", "legacy"};

static bool np_opt_int(Interp *I, Value v, int *out) {
    int64_t x;
    if (!val_as_index(I, v, &x)) return false;
    *out = x > INT32_MAX ? INT32_MAX : x < INT32_MIN ? INT32_MIN : (int)x;
    return true;
}
/* Checked (in NumPy's words) before anything changes, as _make_options_dict does. */
static Value np_set_printoptions(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Value a[11];
    if (!nat_args(I, "set_printoptions", argc, argv, kw, 11, np_printopt_names, 0, a)) return VAL_ERR;
    for (int k = 0; k < 11; k++) if (IS_NONE(a[k])) a[k] = VAL_UNDEF;
    TensorNpPrintOptions o = *tensor_np_printoptions();
    if (!IS_UNDEF(a[9])) {
        int m = -1;
        for (int k = 0; k < 4; k++)
            if (IS_A(a[9], str_class) && !strcmp(str_cstr((Str *)AS_OBJ(a[9])), np_floatmodes[k])) m = k;
        if (m < 0) return err_raise(I, EXC_ValueError, "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"");
        o.floatmode = (TprintFloatMode)m;
    }
    if (!IS_UNDEF(a[7]) && !(IS_A(a[7], str_class) && !strcmp(str_cstr((Str *)AS_OBJ(a[7])), "-")))
        return err_raise(I, EXC_ValueError, "sign option must be one of ' ', '+', or '-' (ag prints only '-')");
    for (int k = 5; k <= 10; k++)
        if (k != 7 && k != 9 && !IS_UNDEF(a[k]) && !(k == 10 && IS_BOOL(a[k]) && !a[k].as.b))
            return err_raise(I, EXC_TypeError, "set_printoptions(): ag does not support the '%s' option", np_printopt_names[k]);
    if (!IS_UNDEF(a[1])) {
        if (!IS_INT(a[1]) && !IS_FLOAT(a[1]) && !IS_BOOL(a[1])) return err_raise(I, EXC_TypeError, "threshold must be numeric");
        double th = num(a[1]);
        if (isnan(th)) return err_raise(I, EXC_ValueError, "threshold must be non-NAN, try sys.maxsize for untruncated representation");
        o.threshold_float = IS_FLOAT(a[1]) ? th : NAN;
        o.threshold = IS_INT(a[1]) ? a[1].as.i : th >= 9.2e18 ? INT64_MAX : th <= -9.2e18 ? INT64_MIN : (int64_t)floor(th);
    }
    if (!IS_UNDEF(a[0])) {
        if (!IS_INT(a[0]) && !IS_BOOL(a[0])) return err_raise(I, EXC_TypeError, "precision must be an integer");
        if (!np_opt_int(I, a[0], &o.precision)) return VAL_ERR;
    }
    if (!IS_UNDEF(a[2]) && !np_opt_int(I, a[2], &o.edgeitems)) return VAL_ERR;
    if (!IS_UNDEF(a[3]) && !np_opt_int(I, a[3], &o.linewidth)) return VAL_ERR;
    if (!IS_UNDEF(a[4])) {
        int b = val_truth(I, a[4]);
        if (b < 0) return VAL_ERR;
        o.suppress = b;
    }
    if (o.precision < 0) return err_raise(I, EXC_ValueError, "precision must be >= 0");
    if (o.edgeitems < 0) return err_raise(I, EXC_ValueError, "edgeitems must be >= 0");
    *tensor_np_printoptions() = o;
    return VAL_NONE;
}
/* np.array2string: the options given override the current ones for this call only. */
static Value np_array2string(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"a", "max_line_width", "precision", "suppress_small", "separator", "prefix"};
    Value a[6];
    if (!nat_args(I, "array2string", argc, argv, kw, 6, names, 1, a)) return VAL_ERR;
    if (!IS_TENSOR(a[0]) || AS_TENSOR(a[0])->flavor == FLAVOR_TORCH) return err_raise(I, EXC_TypeError, "array2string(): a must be a NumPy array");
    for (int k = 4; k < 6; k++)
        if (!IS_UNDEF(a[k]) && !IS_A(a[k], str_class)) return err_raise(I, EXC_TypeError, "array2string(): %s must be a str", names[k]);
    TensorNpPrintOptions saved = *tensor_np_printoptions(), o = saved;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1]) && !np_opt_int(I, a[1], &o.linewidth)) return VAL_ERR;
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        if (!np_opt_int(I, a[2], &o.precision)) return VAL_ERR;
        if (o.precision < 0) return err_raise(I, EXC_ValueError, "precision must be >= 0");
    }
    if (!IS_UNDEF(a[3]) && !IS_NONE(a[3])) {
        int b = val_truth(I, a[3]);
        if (b < 0) return VAL_ERR;
        o.suppress = b;
    }
    const char *sep = IS_UNDEF(a[4]) ? " " : str_cstr((Str *)AS_OBJ(a[4]));
    int prefix_len = IS_UNDEF(a[5]) ? 0 : (int)((Str *)AS_OBJ(a[5]))->len;
    StrBuf sb;
    sb_init(&sb);
    *tensor_np_printoptions() = o;
    tensor_np_array2string(&sb, AS_TENSOR(a[0]), sep, prefix_len);
    *tensor_np_printoptions() = saved;
    Value r = sb.oom ? err_nomem(I) : val_str(I, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return r;
}
static bool np_dict_put(Interp *I, Dict *d, const char *key, Value v) {
    Value k = val_str(I, key, strlen(key));
    if (IS_ERR(k)) { val_decref(v); return false; }
    bool ok = !IS_ERR(v) && dict_set(I, d, k, v);
    val_decref(k);
    val_decref(v);
    return ok;
}
static Value np_get_printoptions(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "get_printoptions", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    const TensorNpPrintOptions *o = tensor_np_printoptions();
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    const char *fm = np_floatmodes[o->floatmode];
    bool ok = np_dict_put(I, d, "edgeitems", val_int(o->edgeitems)) &&
              np_dict_put(I, d, "threshold", isnan(o->threshold_float) ? val_int(o->threshold) : val_float(o->threshold_float)) &&
              np_dict_put(I, d, "floatmode", val_str(I, fm, strlen(fm))) &&
              np_dict_put(I, d, "precision", val_int(o->precision)) &&
              np_dict_put(I, d, "suppress", val_bool(o->suppress)) &&
              np_dict_put(I, d, "linewidth", val_int(o->linewidth)) &&
              np_dict_put(I, d, "nanstr", val_str(I, "nan", 3)) &&
              np_dict_put(I, d, "infstr", val_str(I, "inf", 3)) &&
              np_dict_put(I, d, "sign", val_str(I, "-", 1)) &&
              np_dict_put(I, d, "formatter", VAL_NONE) &&
              np_dict_put(I, d, "legacy", val_bool(false));
    if (!ok) { obj_decref((Obj *)d); return VAL_ERR; }
    return val_obj(d);
}

/* _tensor.np_error(kind, message): lets stdlib/numpy.ag (ag has no raise) fail in NumPy's words. */
static Value np_error(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"kind", "message"};
    Value a[2];
    if (!nat_args(I, "np_error", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    if (!IS_A(a[0], str_class) || !IS_A(a[1], str_class)) return err_raise(I, EXC_TypeError, "np_error(): kind and message must be str");
    const char *kind = str_cstr((Str *)AS_OBJ(a[0]));
    for (int k = 0; k < EXC__COUNT; k++)
        if (!strcmp(exc_name[k], kind)) return err_raise(I, (ExcKind)k, "%s", str_cstr((Str *)AS_OBJ(a[1])));
    return err_raise(I, EXC_TypeError, "np_error(): unknown exception kind '%s'", kind);
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
    {"rand_like", t_rand_like, "rand_like(input, dtype=None)", "Uniform [0, 1) samples with input's shape."},
    {"randn_like", t_randn_like, "randn_like(input, dtype=None)", "Standard normal samples with input's shape."},
    {"full_like", t_full_like, "full_like(input, fill_value, dtype=None)", "fill_value with input's shape and dtype."},
    {"add", t_add, "add(input, other, alpha=1)", "input + alpha * other."},
    {"sub", t_sub, "sub(input, other, alpha=1)", "input - alpha * other."},
    {"mul", t_mul, "mul(input, other)", "input * other."},
    {"eq", t_eq, "eq(input, other)", "input == other, elementwise."},
    {"ne", t_ne, "ne(input, other)", "input != other, elementwise."},
    {"lt", t_lt, "lt(input, other)", "input < other, elementwise."},
    {"le", t_le, "le(input, other)", "input <= other, elementwise."},
    {"gt", t_gt, "gt(input, other)", "input > other, elementwise."},
    {"ge", t_ge, "ge(input, other)", "input >= other, elementwise."},
    {"Size", t_size, "Size(sizes=())", "A torch.Size (the type of x.shape) from a sequence of ints."},
    {"bmm", t_bmm, "bmm(input, mat2)", "Batched matrix product of two 3-D tensors."},
    {"norm", t_norm, "norm(input, p=2, dim=None, keepdim=False)", "The p-norm of input."},
    {"equal", t_equal, "equal(input, other)", "True if same shape and elements."},
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
    {"np_square", np_square, "square(x)", "Elementwise square."},
    {"np_sign", np_sign, "sign(x)", "Elementwise sign."},
    {"np_negative", np_negative, "negative(x)", "Elementwise negative."},
    {"np_reciprocal", np_reciprocal, "reciprocal(x)", "Elementwise reciprocal."},
    {"np_floor", np_floor, "floor(x)", "Elementwise floor."},
    {"np_ceil", np_ceil, "ceil(x)", "Elementwise ceil."},
    {"np_trunc", np_trunc, "trunc(x)", "Elementwise trunc."},
    {"np_rint", np_rint, "rint(x)", "Elementwise rint."},
    {"np_log2", np_log2, "log2(x)", "Elementwise log2."},
    {"np_log10", np_log10, "log10(x)", "Elementwise log10."},
    {"np_log1p", np_log1p, "log1p(x)", "Elementwise log1p."},
    {"np_expm1", np_expm1, "expm1(x)", "Elementwise expm1."},
    {"np_exp2", np_exp2, "exp2(x)", "Elementwise exp2."},
    {"np_tan", np_tan, "tan(x)", "Elementwise tan."},
    {"np_arcsin", np_arcsin, "arcsin(x)", "Elementwise arcsin."},
    {"np_arccos", np_arccos, "arccos(x)", "Elementwise arccos."},
    {"np_arctan", np_arctan, "arctan(x)", "Elementwise arctan."},
    {"np_sinh", np_sinh, "sinh(x)", "Elementwise sinh."},
    {"np_cosh", np_cosh, "cosh(x)", "Elementwise cosh."},
    {"np_cbrt", np_cbrt, "cbrt(x)", "Elementwise cbrt."},
    {"np_isnan", np_isnan, "isnan(x)", "Elementwise isnan."},
    {"np_isinf", np_isinf, "isinf(x)", "Elementwise isinf."},
    {"np_isfinite", np_isfinite, "isfinite(x)", "Elementwise isfinite."},
    {"np_round", np_round, "round(a, decimals=0)", "Round to the given number of decimals (half to even)."},
    {"np_cumsum", np_cumsum, "cumsum(a, axis=None)", "Cumulative sum (flattened when axis is None)."},
    {"np_cumprod", np_cumprod, "cumprod(a, axis=None)", "Cumulative product."},
    {"np_prod", np_prod, "prod(a, axis=None, keepdims=False)", "Product of the elements."},
    {"np_sort", np_sort, "sort(a, axis=-1)", "A sorted copy."},
    {"np_argsort", np_argsort, "argsort(a, axis=-1)", "The indices that would sort a."},
    {"np_set_printoptions", np_set_printoptions, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, floatmode=None)",
     "How NumPy arrays print from now on (scalars are not affected)."},
    {"np_rng_state", npr_state_new, "np_rng_state()", "A holder for one NumPy legacy random state (RandomState)."},
    {"np_rng_with", npr_with_state, "np_rng_with(state, fn, *args, **kw)", "fn(*args, **kw) with the legacy random state swapped for state's."},
    {"np_namespace", np_namespace, "np_namespace(name)", "An empty module-like object to hang attributes on."},
    {"np_pcg_new", np_pcg_new, "np_pcg_new(seed)", "A PCG64 state seeded as np.random.default_rng(seed) (None: from /dev/urandom)."},
    {"np_pcg_draw", np_pcg_draw, "np_pcg_draw(state, kind, n, lo=0, span=0)", "Draws from a PCG64 state: uniforms, bounded ints, or one random_interval."},
    {"np_indexer", np_indexer, "np_indexer(fn, name)", "An object whose [key] is fn(key) (np.r_, np.c_)."},
    {"np_array2string", np_array2string, "array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ', prefix='')",
     "The array's text as str() would print it, with these options for this call."},
    {"np_error", np_error, "np_error(kind, message)", "Raise the exception kind (a name such as 'ValueError') with message."},
    {"np_get_printoptions", np_get_printoptions, "get_printoptions()", "The current print options, as a dict."},
    {NULL, NULL, NULL, NULL},
};
static const MethodDef npr_defs[] = {
    {"seed", npr_seed, "seed(seed=None)", "Seed NumPy's legacy random generator (MT19937)."},
    {"rand", npr_rand, "rand(d0, d1, ...)", "Uniform [0, 1) samples (float64); a float with no arguments."},
    {"randn", npr_randn, "randn(d0, d1, ...)", "Standard normal samples (float64); a float with no arguments."},
    {"random", npr_random, "random(size=None)", "Uniform [0, 1) samples."},
    {"randint", npr_randint, "randint(low, high=None, size=None)", "Uniform integers in [low, high) (or [0, low)), int64."},
    {"uniform", npr_uniform, "uniform(low=0.0, high=1.0, size=None)", "Uniform samples in [low, high)."},
    {"shuffle", npr_shuffle, "shuffle(x)", "Shuffle an array (along axis 0) or a list in place."},
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
    if (!module_add_natives(I, m, tlib_defs) || !module_add_natives(I, m, ttorch_defs)) goto fail;
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
    Module *la = module_new(I, "numpy.linalg"); /* filled in by stdlib/numpy.ag */
    if (!la) goto fail;
    ok = module_set(I, m, "np_linalg", val_obj(la));
    val_decref(val_obj(la));
    if (!ok) goto fail;
    Module *cu = module_new(I, "torch.cuda"); /* filled in by stdlib/torch.ag */
    if (!cu) goto fail;
    ok = module_set(I, m, "cuda", val_obj(cu));
    val_decref(val_obj(cu));
    if (!ok) goto fail;
    Module *tla = module_new(I, "torch.linalg"); /* filled in by stdlib/torch.ag */
    if (!tla) goto fail;
    ok = module_set(I, m, "linalg", val_obj(tla));
    val_decref(val_obj(tla));
    if (!ok) goto fail;
    return m;
fail:
    val_decref(val_obj(m));
    return NULL;
}
