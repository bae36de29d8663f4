/* test_grad.c — every differentiable op in ops.def against central finite differences
 * (ggml's test-backend-ops grad mode). One test walks the table; each row's gradcheck
 * column says how to exercise it. Inputs are float64 so differences are accurate; binary
 * ops use broadcast shapes, so the sum-to-shape reduction is checked too. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

TestSuite(grad, .timeout = 30.0);

enum { GC_NONE, GC_UN, GC_POS, GC_BIN, GC_BINPOS, GC_RED, GC_SHAPE, GC_MAT, GC_CAT, GC_ADDMM, GC_LOSS, GC_BCE, GC_NLL, GC_SQUARE };
static const int op_gc[OP__COUNT] = {
#define OP(id, name, gradname, nin, test) test,
#include "ops.def"
#undef OP
};
_Static_assert(sizeof op_gc / sizeof op_gc[0] == OP__COUNT, "one gradcheck entry per op");

static Interp *I;
static Tensor *nll_target; /* GC_NLL: the class indices (int64, no grad) */

static Tensor *mk(int ndim, const int64_t *shape, double lo, double hi, unsigned seed) {
    Tensor *t = tensor_new(I, DT_FLOAT64, FLAVOR_TORCH, ndim, shape);
    cr_assert_not_null(t);
    unsigned s = seed * 2654435761u + 12345u;
    for (int64_t i = 0; i < t->numel; i++) {
        s = s * 1103515245u + 12345u;
        double u = ((s >> 8) & 0xFFFF) / 65536.0;
        tensor_set(t, i, lo + (hi - lo) * u);
    }
    t->requires_grad = true;
    return t;
}

static Value key_slice(int64_t a, int64_t b) {
    Slice *s = slice_new(I, val_int(a), val_int(b), VAL_NONE);
    cr_assert_not_null(s);
    return val_obj(s);
}

/* t.name(args...) for the torch-only methods (tensor_torch.c); a (values, indices) pair or a
 * tuple of pieces gives its first item. New reference or NULL. */
static Tensor *meth(const char *name, Tensor *t, int n, const Value *args) {
    Value argv[4] = {val_obj(t)};
    for (int i = 0; i < n; i++) argv[1 + i] = args[i];
    Value r = tensor_call_method(I, name, 1 + n, argv, NULL);
    if (IS_ERR(r)) return NULL;
    if (!IS_TENSOR(r)) {
        Value first = val_getitem(I, r, val_int(0));
        val_decref(r);
        r = first;
    }
    return IS_ERR(r) ? NULL : AS_TENSOR(r);
}
/* a constant int64 or bool tensor of the given shape from a list of values */
static Tensor *konst(DType dt, int ndim, const int64_t *shape, const double *v) {
    Tensor *t = tensor_new(I, dt, FLAVOR_TORCH, ndim, shape);
    cr_assert_not_null(t);
    for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, v[i]);
    return t;
}
static Tensor *meth_const(const char *name, Tensor *t, Value a0, Tensor *k, Value a2, int n) {
    Value args[3] = {a0, val_obj(k), a2};
    if (IS_UNDEF(a0)) { args[0] = val_obj(k); args[1] = a2; }
    Tensor *o = meth(name, t, n, args);
    val_decref(val_obj(k));
    return o;
}

/* Apply the op under test to the inputs; returns the output (new ref) or NULL. */
static Tensor *apply(OpKind op, Tensor **in) {
    Value r;
    switch (op) {
    case OP_RSUB: r = tensor_binop(I, BIN_SUB, val_float(2.0), val_obj(in[0])); return IS_ERR(r) ? NULL : AS_TENSOR(r);
    case OP_RDIV: r = tensor_binop(I, BIN_TRUEDIV, val_float(2.0), val_obj(in[0])); return IS_ERR(r) ? NULL : AS_TENSOR(r);
    case OP_POW: r = tensor_binop(I, BIN_POW, val_obj(in[0]), val_float(3.0)); return IS_ERR(r) ? NULL : AS_TENSOR(r);
    case OP_CLAMP: return tensor_unary(I, OP_CLAMP, in[0], -0.3, 0.4);
    case OP_SUM: case OP_MEAN: return tensor_reduce(I, op, in[0], -1, false);
    case OP_SUMDIM: case OP_MEANDIM: return tensor_reduce(I, op, in[0], 1, false);
    case OP_MAX: return tensor_maxmin_op(I, in[0], -1, false, true, NULL);
    case OP_MIN: return tensor_maxmin_op(I, in[0], -1, false, false, NULL);
    case OP_SOFTMAX: return tensor_softmax_op(I, in[0], 1, false);
    case OP_LOGSOFTMAX: return tensor_softmax_op(I, in[0], 0, true);
    case OP_MAXDIM: return tensor_maxmin_op(I, in[0], 1, false, true, NULL);
    case OP_MINDIM: return tensor_maxmin_op(I, in[0], 1, true, false, NULL);
    case OP_DOT: case OP_MM: case OP_MV: case OP_VM: case OP_BMM: return tensor_matmul_op(I, in[0], in[1]);
    case OP_ADDMM: return nn_linear_op(I, in[1], in[2], in[0]); /* bias + x @ w.T */
    case OP_MSELOSS: case OP_BCELOSS: case OP_BCELOGITS: return nn_loss_op(I, op, in[0], in[1], 1);
    case OP_LEAKYRELU: return nn_leaky_relu(I, in[0], 0.1);
    case OP_SOFTPLUS: return nn_activation(I, op, in[0], 2.0, 3.0);
    case OP_GELU: case OP_SILU: return nn_activation(I, op, in[0], 0, 0);
    case OP_ELU: return nn_activation(I, op, in[0], 0.7, 0);
    case OP_NLLLOSS: return nn_loss_op(I, op, in[0], nll_target, 1);
    case OP_UNSQUEEZE: return tensor_unsqueeze_op(I, in[0], 1);
    case OP_SQUEEZE: return tensor_squeeze_op(I, in[0], -1);
    case OP_SQUEEZEDIM: return tensor_squeeze_op(I, in[0], 1);
    case OP_VIEW: { int64_t s[2] = {3, 2}; return tensor_reshape_op(I, OP_VIEW, in[0], 2, s); }
    case OP_RESHAPE: { int64_t s[1] = {6}; return tensor_reshape_op(I, OP_RESHAPE, in[0], 1, s); }
    case OP_UNSAFEVIEW: {
        int perm[2] = {1, 0};
        Tensor *t = tensor_permute_op(I, OP_PERMUTE, in[0], perm);
        int64_t s[1] = {6};
        Tensor *o = tensor_reshape_op(I, OP_RESHAPE, t, 1, s);
        val_decref(val_obj(t));
        return o;
    }
    case OP_PERMUTE: case OP_T: case OP_TRANSPOSE: { int perm[2] = {1, 0}; return tensor_permute_op(I, op, in[0], perm); }
    case OP_SELECT: r = tensor_class.getitem(I, val_obj(in[0]), val_int(1)); return IS_ERR(r) ? NULL : AS_TENSOR(r);
    case OP_SLICE: {
        Value k = key_slice(1, 3);
        Tuple *tp = tuple_new(I, 2);
        tp->items[0] = key_slice(0, 2);
        tp->items[1] = k;
        r = tensor_class.getitem(I, val_obj(in[0]), val_obj(tp));
        val_decref(val_obj(tp));
        return IS_ERR(r) ? NULL : AS_TENSOR(r);
    }
    case OP_INDEX: {
        List *l = list_new(I, 3);
        list_append(I, l, val_int(1));
        list_append(I, l, val_int(0));
        list_append(I, l, val_int(1));
        r = tensor_class.getitem(I, val_obj(in[0]), val_obj(l));
        val_decref(val_obj(l));
        return IS_ERR(r) ? NULL : AS_TENSOR(r);
    }
    case OP_CLONE: return tensor_clone_op(I, in[0]);
    case OP_CAT: return tensor_cat_op(I, 2, in, 1, false);
    case OP_STACK: return tensor_cat_op(I, 2, in, 0, true);
    case OP_EXPAND: { int64_t s[3] = {4, 2, 3}; return tensor_expand_op(I, in[0], 3, s); }
    case OP_WHERE: { /* condition [2, 3] picks from in[0] [2, 3] or in[1] [3] */
        int64_t s23[2] = {2, 3};
        Tensor *c = konst(DT_BOOL, 2, s23, (double[]){1, 0, 1, 0, 0, 1});
        return meth_const("where", in[0], VAL_UNDEF, c, val_obj(in[1]), 2);
    }
    case OP_MASKEDFILL: {
        int64_t s3[1] = {3};
        return meth_const("masked_fill", in[0], VAL_UNDEF, konst(DT_BOOL, 1, s3, (double[]){0, 1, 0}), val_float(0.5), 2);
    }
    case OP_GATHER: { /* index [[0, 2], [1, 1]]: one element picked twice */
        int64_t s22[2] = {2, 2};
        return meth_const("gather", in[0], val_int(1), konst(DT_INT64, 2, s22, (double[]){0, 2, 1, 1}), VAL_UNDEF, 2);
    }
    case OP_CUMSUM: return meth("cumsum", in[0], 1, (Value[]){val_int(1)});
    case OP_CUMPROD: return meth("cumprod", in[0], 1, (Value[]){val_int(1)});
    case OP_PROD: return meth("prod", in[0], 0, NULL);
    case OP_PRODDIM: return meth("prod", in[0], 1, (Value[]){val_int(1)});
    case OP_FLIP: return meth("flip", in[0], 2, (Value[]){val_int(0), val_int(1)});
    case OP_TRIL: return meth("tril", in[0], 0, NULL);
    case OP_TRIU: return meth("triu", in[0], 1, (Value[]){val_int(1)});
    case OP_REPEAT: return meth("repeat", in[0], 3, (Value[]){val_int(2), val_int(1), val_int(2)});
    case OP_SORT: return meth("sort", in[0], 1, (Value[]){val_int(1)});
    case OP_TOPK: return meth("topk", in[0], 1, (Value[]){val_int(2)});
    case OP_SPLIT: return meth("split", in[0], 2, (Value[]){val_int(2), val_int(1)});
    case OP_ROUNDDEC: return meth("round", in[0], 1, (Value[]){val_int(1)});
    case OP_MEDIAN: return meth("median", in[0], 0, NULL);
    case OP_MEDIANDIM: return meth("median", in[0], 1, (Value[]){val_int(1)});
    case OP_ROLL: return meth("roll", in[0], 2, (Value[]){val_int(1), val_int(1)});
    case OP_INDEXSELECT: { /* index [2, 0, 2]: one column picked twice, one never */
        int64_t s3i[1] = {3};
        return meth_const("index_select", in[0], val_int(1), konst(DT_INT64, 1, s3i, (double[]){2, 0, 2}), VAL_UNDEF, 2);
    }
    case OP_AMAX: return meth("amax", in[0], 1, (Value[]){val_int(1)});
    case OP_AMIN: return meth("amin", in[0], 1, (Value[]){val_int(0)});
    case OP_LOGSUMEXP: return meth("logsumexp", in[0], 1, (Value[]){val_int(1)});
    case OP_DIAG: return meth("diag", in[0], 1, (Value[]){val_int(1)});
    case OP_TRACE: return meth("trace", in[0], 0, NULL);
    case OP_UNBIND: return meth("unbind", in[0], 1, (Value[]){val_int(1)});
    case OP_INVERSE: return meth("inverse", in[0], 0, NULL);
    case OP_DET: return meth("det", in[0], 0, NULL);
    case OP_ROUND: case OP_FLOOR: case OP_CEIL: case OP_TRUNC: case OP_SIGN: case OP_RECIPROCAL: case OP_RSQRT:
    case OP_LOG10: case OP_LOG2: case OP_LOG1P: case OP_EXPM1: case OP_EXP2:
        return meth(op_name[op], in[0], 0, NULL);
    case OP_TOCOPY: { Value m = tensor_call_method(I, "float", 1, (Value[]){val_obj(in[0])}, NULL); return IS_ERR(m) ? NULL : AS_TENSOR(m); }
    default:
        if (op_nin[op] == 2) return tensor_binary(I, op, in[0], in[1]);
        return tensor_unary(I, op, in[0], 0, 0);
    }
}

/* loss = sum(op(inputs) * W), W fixed, in float64 */
static double loss_value(OpKind op, Tensor **in, Tensor **out_keep) {
    Tensor *o = apply(op, in);
    cr_assert_not_null(o, "op %s failed: %s", op_name[op], I->err.msg ? I->err.msg : "");
    Tensor *w = mk(o->ndim, o->shape, -1.0, 1.0, 99);
    w->requires_grad = false;
    Tensor *p = tensor_binary(I, OP_MUL, o, w);
    Tensor *l = tensor_reduce(I, OP_SUM, p, -1, false);
    double v = tensor_get(l, 0);
    if (out_keep) *out_keep = l; else val_decref(val_obj(l));
    val_decref(val_obj(p));
    val_decref(val_obj(w));
    if (out_keep && tape_grad_enabled) {
        cr_expect(o->grad_fn && o->grad_fn->op == op, "op %s recorded as %s", op_name[op],
                  o->grad_fn ? op_name[o->grad_fn->op] : "(nothing)");
    }
    val_decref(val_obj(o));
    return v;
}

/* backward through op, then each input element against a central difference */
/* (consumes the inputs) */
static void check_grads(OpKind op, Tensor **in) {
    int nin = in[2] ? 3 : in[1] ? 2 : 1;
    Tensor *l = NULL;
    loss_value(op, in, &l);
    cr_assert(tape_backward(I, l, NULL, false), "backward of %s failed: %s", op_name[op], I->err.msg ? I->err.msg : "");
    val_decref(val_obj(l));
    bool prev = tape_grad_enabled;
    tape_grad_enabled = false;
    double tol = op == OP_TOCOPY ? 2e-3 : 1e-6;
    for (int k = 0; k < nin; k++) {
        cr_assert_not_null(in[k]->grad, "%s: no grad for input %d", op_name[op], k);
        for (int64_t i = 0; i < in[k]->numel; i++) {
            double x = tensor_get(in[k], i), h = op == OP_TOCOPY ? 1e-2 : 1e-6; /* float32 output: a wider step */
            tensor_set(in[k], i, x + h);
            double lp = loss_value(op, in, NULL);
            tensor_set(in[k], i, x - h);
            double lm = loss_value(op, in, NULL);
            tensor_set(in[k], i, x);
            double fd = (lp - lm) / (2 * h), an = tensor_get(in[k]->grad, i);
            cr_expect(fabs(fd - an) <= tol * (1 + fabs(fd)) + (op == OP_TOCOPY ? 1e-2 : 1e-5),
                      "%s (%s) input %d elem %lld: autodiff %.9g vs finite difference %.9g",
                      op_name[op], op_grad_name[op], k, (long long)i, an, fd);
        }
    }
    tape_grad_enabled = prev;
    val_decref(val_obj(in[0]));
    if (in[1]) val_decref(val_obj(in[1]));
    if (in[2]) val_decref(val_obj(in[2]));
}

Test(grad, every_op_against_finite_differences) {
    I = interp_new(0, NULL);
    cr_assert_not_null(I);
    int checked = 0;
    for (int opi = 0; opi < OP__COUNT; opi++) {
        OpKind op = (OpKind)opi;
        int gc = op_gc[op];
        if (gc == GC_NONE) continue;
        Tensor *in[3] = {NULL, NULL, NULL};
        int64_t s2[1] = {2}, s23[2] = {2, 3}, s3[1] = {3}, s213[3] = {2, 1, 3}, s32[2] = {3, 2}, s223[3] = {2, 2, 3}, s232[3] = {2, 3, 2};
        double lo = gc == GC_POS || gc == GC_BINPOS ? 0.5 : -1.0, hi = 2.0;
        switch (gc) {
        case GC_BIN: case GC_BINPOS:
            in[0] = mk(2, s23, lo, hi, 1);
            in[1] = mk(1, s3, lo, hi, 2); /* broadcast over rows */
            break;
        case GC_CAT:
            in[0] = mk(2, s23, lo, hi, 1);
            in[1] = mk(2, s23, lo, hi, 2);
            break;
        case GC_MAT:
            if (op == OP_DOT) { in[0] = mk(1, s3, lo, hi, 1); in[1] = mk(1, s3, lo, hi, 2); }
            else if (op == OP_MM) { in[0] = mk(2, s23, lo, hi, 1); in[1] = mk(2, s32, lo, hi, 2); }
            else if (op == OP_MV) { in[0] = mk(2, s23, lo, hi, 1); in[1] = mk(1, s3, lo, hi, 2); }
            else if (op == OP_VM) { in[0] = mk(1, s3, lo, hi, 1); in[1] = mk(2, s32, lo, hi, 2); }
            else { in[0] = mk(3, s223, lo, hi, 1); in[1] = mk(3, s232, lo, hi, 2); }
            break;
        case GC_ADDMM: /* bias [2], x [2, 3], weight [2, 3] */
            in[0] = mk(1, s2, lo, hi, 1);
            in[1] = mk(2, s23, lo, hi, 2);
            in[2] = mk(2, s23, lo, hi, 3);
            break;
        case GC_LOSS: /* input and a broadcast target, both requiring grad */
            in[0] = mk(2, s23, lo, hi, 1);
            in[1] = mk(1, s3, lo, hi, 2);
            break;
        case GC_BCE: /* probabilities away from 0 and 1; soft targets */
            in[0] = mk(2, s23, 0.1, 0.9, 1);
            in[1] = mk(2, s23, 0.0, 1.0, 2);
            break;
        case GC_SQUARE: { /* [3, 3], diagonally dominant: far from singular */
            int64_t s33[2] = {3, 3};
            in[0] = mk(2, s33, lo, hi, 1);
            for (int64_t d = 0; d < 3; d++) tensor_set(in[0], d * 4, tensor_get(in[0], d * 4) + 4.0);
            break;
        }
        case GC_NLL: { /* log-probabilities [2, 3], classes {2, 0} */
            in[0] = mk(2, s23, -2.0, -0.1, 1);
            nll_target = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, s2);
            cr_assert_not_null(nll_target);
            tensor_set(nll_target, 0, 2);
            tensor_set(nll_target, 1, 0);
            break;
        }
        case GC_SHAPE:
            if (op == OP_SQUEEZE || op == OP_SQUEEZEDIM) in[0] = mk(3, s213, lo, hi, 1);
            else if (op == OP_EXPAND) { int64_t s13[2] = {1, 3}; in[0] = mk(2, s13, lo, hi, 1); }
            else in[0] = mk(2, s23, lo, hi, 1);
            break;
        default:
            in[0] = mk(2, s23, lo, hi, 1);
        }
        check_grads(op, in);
        if (nll_target) { val_decref(val_obj(nll_target)); nll_target = NULL; }
        checked++;
    }
    cr_expect(checked >= 40, "only %d ops checked", checked);
    /* matmul's other shape cases: batch @ matrix and batch @ vector are folded like torch */
    int64_t s223[3] = {2, 2, 3}, s32[2] = {3, 2}, s3[1] = {3};
    Tensor *v1[3] = {mk(3, s223, -1, 2, 5), mk(2, s32, -1, 2, 6), NULL};
    check_grads(OP_BMM, v1);
    Tensor *v2[3] = {mk(3, s223, -1, 2, 7), mk(1, s3, -1, 2, 8), NULL};
    check_grads(OP_BMM, v2);
    interp_free(I);
}

/* Grads accumulate across backward calls until zeroed; a second backward through a freed
 * graph is an error; retain_graph keeps it. */
Test(grad, accumulation_and_retain_graph) {
    I = interp_new(0, NULL);
    int64_t s1[1] = {1};
    Tensor *w = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 0, s1);
    tensor_set(w, 0, 3.0);
    w->requires_grad = true;
    Tensor *y = tensor_binary(I, OP_MUL, w, w);
    cr_assert(tape_backward(I, y, NULL, true));
    cr_assert(tape_backward(I, y, NULL, false));
    cr_expect_eq(tensor_get(w->grad, 0), 12.0);
    cr_expect_not(tape_backward(I, y, NULL, false));
    cr_expect(err_pending(I));
    err_clear(I);
    val_decref(val_obj(y));
    val_decref(val_obj(w));
    interp_free(I);
}
