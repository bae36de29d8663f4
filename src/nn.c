/* nn.c — torch.nn, torch.nn.functional and torch.optim essentials (prefix nn_): the native
 * module "_nn" that stdlib/torch.ag exposes as torch.nn and torch.optim.
 *
 * ag has no classes, so a layer, a loss or an optimizer is a native object: one ObjClass for
 * modules (NnModule, its kind says which: Linear, Sequential, ReLU, MSELoss, ...) and one for
 * optimizers (NnOptim: SGD, Adam), one for the lr schedulers (NnSched: StepLR, ExponentialLR,
 * MultiStepLR). state_dict() is a collections.OrderedDict (dict.c's DICT_ORDERED flavor) of
 * detached aliases; load_state_dict returns torch's _IncompatibleKeys (NnKeys). Parameters are ordinary leaf tensors with requires_grad and
 * the is_param flag (their repr starts "Parameter containing:"); a module owns references to
 * its parameters, an optimizer to the ones it updates, so they live as long as either does.
 *
 * Numerics follow torch 1.13's CPU kernels: nn.Linear's init is kaiming_uniform_(a=sqrt(5)) and
 * uniform_ bias, each element fmaf(u, to - from, from) from the same mt19937 stream torch.rand
 * uses; Linear on a matrix with bias is addmm (bias + mat1 @ mat2, AddmmBackward0), otherwise
 * matmul then add_; mse_loss is (a - b)^2 then mean; binary_cross_entropy clamps its logs at
 * -100; nll_loss sums in torch's cascade; the optimizers do torch's single-tensor arithmetic
 * (add with alpha and addcmul are fused multiply-adds in ATen's kernels). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "class.h"
#include "eval.h"
#include "mem.h"
#include "tensor.h"

#define TDEC(t) do { if (t) val_decref(val_obj(t)); } while (0)

/* ---- small helpers --------------------------------------------------------------------- */
static Tensor *tref(Tensor *t) { if (t) obj_incref(&t->h); return t; }

static bool want_tensor(Interp *I, const char *fname, const char *arg, int pos, Value v) {
    if (IS_TENSOR(v)) return true;
    err_raise(I, EXC_TypeError, "%s(): argument '%s' (position %d) must be Tensor, not %s", fname, arg, pos, val_type_name(v));
    return false;
}

static bool opt_bool(Interp *I, Value v, bool dflt, bool *out) {
    if (IS_UNDEF(v)) { *out = dflt; return true; }
    int b = val_truth(I, v);
    if (b < 0) return false;
    *out = b;
    return true;
}

static bool as_double(Interp *I, const char *what, Value v, double *out) {
    if (IS_INT(v)) { *out = (double)v.as.i; return true; }
    if (IS_BOOL(v)) { *out = v.as.b; return true; }
    if (IS_FLOAT(v)) { *out = v.as.f; return true; }
    if (IS_TENSOR(v) && AS_TENSOR(v)->numel == 1) { *out = tensor_get(AS_TENSOR(v), 0); return true; }
    err_raise(I, EXC_TypeError, "%s must be a number, not %s", what, val_type_name(v));
    return false;
}

/* 0 none, 1 mean, 2 sum */
static int parse_reduction(Interp *I, Value v) {
    if (IS_UNDEF(v)) return 1;
    if (!IS_A(v, str_class)) { err_raise(I, EXC_TypeError, "reduction must be a str, not %s", val_type_name(v)); return -1; }
    const char *s = str_cstr((Str *)AS_OBJ(v));
    if (!strcmp(s, "none")) return 0;
    if (!strcmp(s, "mean")) return 1;
    if (!strcmp(s, "sum")) return 2;
    err_raise(I, EXC_ValueError, "%s is not a valid value for reduction", s);
    return -1;
}

static void shape_text(char *buf, size_t cap, const Tensor *t) {
    size_t k = (size_t)snprintf(buf, cap, "torch.Size([");
    for (int d = 0; d < t->ndim && k < cap; d++) k += (size_t)snprintf(buf + k, cap - k, "%s%lld", d ? ", " : "", (long long)t->shape[d]);
    if (k < cap) snprintf(buf + k, cap - k, "])");
}

/* Run f with recording off (the forward of an op whose single record we add ourselves). */
#define NOGRAD_BEGIN bool nn_prev_mode_ = tape_grad_enabled; tape_grad_enabled = false;
#define NOGRAD_END tape_grad_enabled = nn_prev_mode_;

static void bump_version(Tensor *t) { t->storage->version++; t->version++; }

/* ---- functional ops -------------------------------------------------------------------- */
/* The end of an elementwise loss l(x, t) (consumed): reduce it (1 mean, 2 sum, 0 none) without
 * recording, then record the whole loss as one op whose backward rule (nn_grad_apply) works from
 * the saved x and t. */
static Tensor *elementwise_loss_done(Interp *I, OpKind op, Tensor *l, Tensor *x, Tensor *t, int red) {
    Tensor *o = l;
    if (red) {
        NOGRAD_BEGIN
        o = tensor_reduce(I, red == 1 ? OP_MEAN : OP_SUM, l, -1, false);
        NOGRAD_END
        TDEC(l);
        if (!o) return NULL;
    }
    Tensor *in[2] = {x, t};
    if (tape_should_record(2, in)) {
        TapeNode *n = tape_record(I, op, o, 2, in);
        if (!n || !tape_save(I, n, 0, x) || !tape_save(I, n, 1, t)) { TDEC(o); return NULL; }
        n->ip[0] = red;
    }
    return o;
}

/* nn.Linear / F.linear: torch 1.13's at::linear */
Tensor *nn_linear_op(Interp *I, Tensor *x, Tensor *w, Tensor *b) {
    if (w->ndim != 2) { err_raise(I, EXC_RuntimeError, "t() expects a tensor with <= 2 dimensions, but self is %dD", w->ndim); return NULL; }
    int perm[2] = {1, 0};
    Tensor *wt = tensor_permute_op(I, OP_T, w, perm); /* TBackward0 when w requires grad */
    if (!wt) return NULL;
    Tensor *out = NULL;
    if (b && x->ndim == 2 && x->dtype != w->dtype) {
        TDEC(wt);
        err_raise(I, EXC_RuntimeError, "mat1 and mat2 must have the same dtype");
        err_hint(I, "the input holds %s values and the layer's weight %s: create the input with dtype=torch.float32 (or call .float() on it)",
                 x->dtype == DT_INT64 ? "integer" : dtype_torch_name[x->dtype], dtype_torch_name[w->dtype]);
        return NULL;
    }
    if (b && (x->ndim == 2 || (x->ndim == 3 && tensor_is_contiguous(x)))) {
        Tensor *x2 = tref(x);
        if (x->ndim == 3) {
            int64_t s2[2] = {x->shape[0] * x->shape[1], x->shape[2]};
            TDEC(x2);
            x2 = tensor_reshape_op(I, OP_VIEW, x, 2, s2);
            if (!x2) { TDEC(wt); return NULL; }
        }
        NOGRAD_BEGIN
        Tensor *mm = tensor_matmul_op(I, x2, wt);
        Tensor *o = mm ? tensor_binary(I, OP_ADD, mm, b) : NULL; /* bias + acc, as gemm with beta=1 */
        NOGRAD_END
        TDEC(mm);
        if (o && (b->dtype != x2->dtype || o->ndim != 2)) {
            err_raise(I, EXC_RuntimeError, "expected scalar type %s but found %s", dtype_torch_name[x2->dtype], dtype_torch_name[b->dtype]);
            TDEC(o); o = NULL;
        }
        if (o) {
            Tensor *in[3] = {b, x2, wt};
            if (tape_should_record(3, in)) {
                TapeNode *n = tape_record(I, OP_ADDMM, o, 3, in);
                if (!n || !tape_save(I, n, 0, x2) || !tape_save(I, n, 1, wt)) { TDEC(o); o = NULL; }
            }
        }
        if (o && x->ndim == 3) {
            int64_t s3[3] = {x->shape[0], x->shape[1], w->shape[0]};
            out = tensor_reshape_op(I, OP_VIEW, o, 3, s3);
            TDEC(o);
        } else out = o;
        TDEC(x2);
    } else {
        Tensor *o = tensor_matmul_op(I, x, wt);
        if (o && b) {
            out = tensor_binary(I, OP_ADD, o, b); /* output.add_(bias): AddBackward0 */
            TDEC(o);
        } else out = o;
    }
    TDEC(wt);
    return out;
}

static Tensor *nn_mse_loss(Interp *I, Tensor *x, Tensor *t, int red) {
    NOGRAD_BEGIN
    Tensor *d = tensor_binary(I, OP_SUB, x, t);
    Tensor *sq = d ? tensor_binary(I, OP_MUL, d, d) : NULL;
    Tensor *o = NULL;
    if (sq) o = red == 0 ? tref(sq) : tensor_reduce(I, red == 1 ? OP_MEAN : OP_SUM, sq, -1, false);
    NOGRAD_END
    TDEC(d);
    if (!o) { TDEC(sq); return NULL; }
    Tensor *in[2] = {x, t};
    if (tape_should_record(2, in)) {
        TapeNode *n = tape_record(I, OP_MSELOSS, o, 2, in);
        if (!n || !tape_save(I, n, 0, x) || !tape_save(I, n, 1, t)) { TDEC(sq); TDEC(o); return NULL; }
        n->ip[0] = red;
        n->p[0] = (double)sq->numel;
    }
    TDEC(sq);
    return o;
}

static Tensor *nn_l1_loss(Interp *I, Tensor *x, Tensor *t, int red) {
    Tensor *d = tensor_binary(I, OP_SUB, x, t);
    Tensor *a = d ? tensor_unary(I, OP_ABS, d, 0, 0) : NULL;
    TDEC(d);
    if (!a || red == 0) return a;
    Tensor *o = tensor_reduce(I, red == 1 ? OP_MEAN : OP_SUM, a, -1, false);
    TDEC(a);
    return o;
}


static Tensor *nn_bce_loss(Interp *I, Tensor *x, Tensor *t, int red) {
    if (!tensor_same_shape(x, t)) {
        char a[200], b[200];
        shape_text(a, sizeof a, t);
        shape_text(b, sizeof b, x);
        err_raise(I, EXC_ValueError, "Using a target size (%s) that is different to the input size (%s) is deprecated. Please ensure they have the same size.", a, b);
        return NULL;
    }
    if (!dtype_is_float(x->dtype) || x->dtype != t->dtype) {
        err_raise(I, EXC_RuntimeError, "Found dtype %s but expected %s", dtype_aten_word[t->dtype],
                  x->dtype == DT_FLOAT64 ? "Double" : "Float");
        return NULL;
    }
    Tensor *l = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!l) return NULL;
    for (int64_t i = 0; i < x->numel; i++) {
        double xi = tensor_get(x, i), ti = tensor_get(t, i);
        if (xi < 0 || xi > 1) {
            TDEC(l);
            err_raise(I, EXC_RuntimeError, "all elements of input should be between 0 and 1");
            return NULL;
        }
        if (x->dtype == DT_FLOAT32) {
            float xf = (float)xi, tf = (float)ti;
            float a = fmaxf(log1pf(-xf), -100.0f), b = fmaxf(logf(xf), -100.0f);
            tensor_set(l, i, (double)((tf - 1.0f) * a - tf * b));
        } else {
            double a = fmax(log1p(-xi), -100.0), b = fmax(log(xi), -100.0);
            tensor_set(l, i, (ti - 1.0) * a - ti * b);
        }
    }
    return elementwise_loss_done(I, OP_BCELOSS, l, x, t, red);
}

/* binary_cross_entropy_with_logits as torch 1.13 computes it, in the input's dtype:
 * (1 - t) * x + m + log(exp(-m) + exp(-x - m)) with m = max(-x, 0), then the reduction */
static Tensor *nn_bce_logits_loss(Interp *I, Tensor *x, Tensor *t, int red) {
    if (!tensor_same_shape(x, t)) {
        char a[200], b[200];
        shape_text(a, sizeof a, t);
        shape_text(b, sizeof b, x);
        err_raise(I, EXC_ValueError, "Target size (%s) must be the same as input size (%s)", a, b);
        return NULL;
    }
    if (!dtype_is_float(x->dtype) || x->dtype != t->dtype) {
        err_raise(I, EXC_RuntimeError, "result type Float can't be cast to the desired output type %s",
                  t->dtype == DT_INT64 ? "Long" : t->dtype == DT_BOOL ? "Bool" : x->dtype == DT_FLOAT64 ? "Double" : "Float");
        return NULL;
    }
    Tensor *l = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!l) return NULL;
    for (int64_t i = 0; i < x->numel; i++) {
        double xi = tensor_get(x, i), ti = tensor_get(t, i);
        if (x->dtype == DT_FLOAT32) {
            float xf = (float)xi, tf = (float)ti, m = fmaxf(-xf, 0.0f);
            float v = (1.0f - tf) * xf + m;
            tensor_set(l, i, (double)(v + logf(expf(-m) + expf(-xf - m))));
        } else {
            double m = fmax(-xi, 0.0);
            tensor_set(l, i, (1.0 - ti) * xi + m + log(exp(-m) + exp(-xi - m)));
        }
    }
    return elementwise_loss_done(I, OP_BCELOGITS, l, x, t, red);
}

/* leaky_relu: x > 0 ? x : x * negative_slope (LeakyReluBackward0 keeps the input) */
Tensor *nn_leaky_relu(Interp *I, Tensor *x, double slope) {
    if (!dtype_is_float(x->dtype)) {
        err_raise(I, EXC_RuntimeError, "\"leaky_relu_cpu\" not implemented for '%s'", x->dtype == DT_INT64 ? "Long" : "Bool");
        return NULL;
    }
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    for (int64_t i = 0; i < x->numel; i++) {
        double v = tensor_get(x, i);
        tensor_set(o, i, v > 0 ? v : x->dtype == DT_FLOAT32 ? (double)((float)v * (float)slope) : v * slope);
    }
    Tensor *in[1] = {x};
    if (tape_should_record(1, in)) {
        TapeNode *n = tape_record(I, OP_LEAKYRELU, o, 1, in);
        if (!n || !tape_save(I, n, 0, x)) { TDEC(o); return NULL; }
        n->p[0] = slope;
    }
    return o;
}

/* smooth activations, computed in double and rounded to the dtype (torch's float32 results are
 * the correctly rounded ones to the printed digits) */
static double act_fwd(OpKind op, double x, double p, double q) {
    switch (op) {
    case OP_SOFTPLUS: return x * p > q ? x : log1p(exp(x * p)) / p;
    case OP_GELU: return x * 0.5 * (1.0 + erf(x * M_SQRT1_2));
    case OP_ELU: return x > 0 ? x : p * expm1(x);
    default: return x / (1.0 + exp(-x)); /* silu */
    }
}
static double act_grad(OpKind op, double x, double p, double q) {
    switch (op) {
    case OP_SOFTPLUS: { double z = exp(x * p); return x * p > q ? 1.0 : z / (z + 1.0); }
    case OP_GELU: return 0.5 * (1.0 + erf(x * M_SQRT1_2)) + x * exp(-0.5 * x * x) * 0.3989422804014327;
    case OP_ELU: return x > 0 ? 1.0 : p * exp(x);
    default: { double s = 1.0 / (1.0 + exp(-x)); return s * (1.0 + x * (1.0 - s)); }
    }
}
/* float32 backward as ATen's CPU kernels compute it, in float: gelu dy * (cdf + x * pdf),
 * silu dy * s * (1 + x * (1 - s)), elu dy * alpha * exp(x), softplus dy * z / (z + 1) */
static float act_grad_f32(OpKind op, float x, float dy, float p, float q) {
    switch (op) {
    case OP_SOFTPLUS: { float z = expf(x * p); return x * p > q ? dy : dy * z / (z + 1.0f); }
    case OP_GELU: {
        const float alpha = (float)(M_2_SQRTPI * M_SQRT1_2 * 0.5);
        float cdf = 0.5f * (1.0f + erff(x * (float)M_SQRT1_2)), pdf = alpha * expf(x * x * -0.5f);
        return dy * (cdf + x * pdf);
    }
    case OP_ELU: return x <= 0 ? dy * p * expf(x) : dy;
    default: { float s = 1.0f / (1.0f + expf(-x)); return dy * s * (1.0f + x * (1.0f - s)); }
    }
}
Tensor *nn_activation(Interp *I, OpKind op, Tensor *x, double p, double q) {
    if (!dtype_is_float(x->dtype)) {
        err_raise(I, EXC_RuntimeError, "\"%s\" not implemented for '%s'", op == OP_GELU ? "GeluKernelImpl" : op == OP_SILU ? "silu_cpu" : op == OP_ELU ? "elu_cpu" : "softplus_cpu",
                  x->dtype == DT_INT64 ? "Long" : "Bool");
        return NULL;
    }
    Tensor *o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim, x->shape);
    if (!o) return NULL;
    for (int64_t i = 0; i < x->numel; i++) tensor_set(o, i, act_fwd(op, tensor_get(x, i), p, q));
    Tensor *in[1] = {x};
    if (tape_should_record(1, in)) {
        TapeNode *n = tape_record(I, op, o, 1, in);
        if (!n || !tape_save(I, n, 0, x)) { TDEC(o); return NULL; }
        n->p[0] = p;
        n->p[1] = q;
    }
    return o;
}

/* dropout in training: input * noise, noise = bernoulli_(1 - p) / (1 - p) drawn as torch's CPU
 * kernel draws it (one double uniform per element); the product records MulBackward0 as in torch */
static Tensor *nn_dropout(Interp *I, Tensor *x, double p, bool train) {
    if (p == 0 || !train || x->numel == 0) return tref(x);
    Tensor *noise = tensor_new(I, dtype_is_float(x->dtype) ? x->dtype : DT_FLOAT32, FLAVOR_TORCH, x->ndim, x->shape);
    if (!noise) return NULL;
    if (p < 1) {
        rng_torch_bernoulli(noise, 1 - p);
        float scale = 1.0f / (float)(1 - p);
        for (int64_t i = 0; i < noise->numel; i++)
            if (tensor_get(noise, i) != 0) tensor_set(noise, i, noise->dtype == DT_FLOAT32 ? (double)scale : 1.0 / (1 - p));
    }
    Tensor *o = tensor_binary(I, OP_MUL, x, noise);
    TDEC(noise);
    return o;
}

/* nll_loss on [N, C] (or [C]) log-probabilities with int64 class indices */
static Tensor *nn_nll_loss(Interp *I, Tensor *x, Tensor *t, int red) {
    if (t->dtype != DT_INT64) {
        err_raise(I, EXC_RuntimeError, "expected scalar type Long but found %s", t->dtype == DT_FLOAT64 ? "Double" : t->dtype == DT_BOOL ? "Bool" : "Float");
        return NULL;
    }
    if (x->ndim < 1 || x->ndim > 2) { err_raise(I, EXC_ValueError, "Expected 2 or fewer dimensions (got %d)", x->ndim); return NULL; }
    if (!dtype_is_float(x->dtype)) { err_raise(I, EXC_RuntimeError, "\"nll_loss_out_frame\" not implemented for 'Long'"); return NULL; }
    int64_t N = x->ndim == 2 ? x->shape[0] : 1, C = x->shape[x->ndim - 1];
    if ((x->ndim == 2 && (t->ndim != 1 || t->shape[0] != N)) || (x->ndim == 1 && t->ndim != 0)) {
        if (x->ndim == 2) err_raise(I, EXC_ValueError, "Expected input batch_size (%lld) to match target batch_size (%lld).", (long long)N, (long long)(t->ndim ? t->shape[0] : 1));
        else err_raise(I, EXC_RuntimeError, "0D or 1D target tensor expected, multi-target not supported");
        return NULL;
    }
    for (int64_t b = 0; b < N; b++) {
        int64_t c = tensor_get_i64(t, b);
        if (c < 0 || c >= C) { err_raise(I, EXC_IndexError, "Target %lld is out of bounds.", (long long)c); return NULL; }
    }
    Tensor *o;
    bool f32 = x->dtype == DT_FLOAT32;
    if (red == 0) {
        o = tensor_new(I, x->dtype, FLAVOR_TORCH, x->ndim == 2 ? 1 : 0, &N);
        if (!o) return NULL;
        for (int64_t b = 0; b < N; b++) tensor_set(o, b, -tensor_get(x, b * C + tensor_get_i64(t, b)));
    } else {
        /* torch's cascade: level sums flushed upward every 2^level_power rows */
        enum { LEVELS = 8 };
        int64_t lp = 0;
        while (((int64_t)1 << lp) < N) lp++;
        lp = lp / LEVELS > 4 ? lp / LEVELS : 4;
        int64_t mask = ((int64_t)1 << lp) - 1;
        float sf[LEVELS] = {0};
        double sd[LEVELS] = {0};
        for (int64_t b = 0; b < N; b++) {
            double v = tensor_get(x, b * C + tensor_get_i64(t, b));
            if (f32) sf[0] -= (float)v; else sd[0] -= v;
            for (int j = 0; j + 1 < LEVELS; j++) {
                if ((b & (mask << (j * lp))) != 0) break;
                if (f32) { sf[j + 1] += sf[j]; sf[j] = 0; } else { sd[j + 1] += sd[j]; sd[j] = 0; }
            }
        }
        float of = 0; double od = 0;
        for (int j = 0; j < LEVELS; j++) { of += sf[j]; od += sd[j]; }
        if (red == 1) { of /= (float)N; od /= (double)N; }
        o = tensor_scalar(I, x->dtype, FLAVOR_TORCH, f32 ? (double)of : od);
        if (!o) return NULL;
    }
    Tensor *in[1] = {x};
    if (tape_should_record(1, in)) {
        TapeNode *n = tape_record(I, OP_NLLLOSS, o, 1, in);
        if (!n || !tape_save(I, n, 1, t)) { TDEC(o); return NULL; }
        n->ip[0] = red;
        n->p[0] = (double)N;
    }
    return o;
}

static Tensor *nn_cross_entropy(Interp *I, Tensor *x, Tensor *t, int red) {
    if (x->ndim < 1 || x->ndim > 2) { err_raise(I, EXC_ValueError, "Expected 2 or fewer dimensions (got %d)", x->ndim); return NULL; }
    Tensor *ls = tensor_softmax_op(I, x, x->ndim == 2 ? 1 : 0, true);
    if (!ls) return NULL;
    Tensor *o = nn_nll_loss(I, ls, t, red);
    TDEC(ls);
    return o;
}

Tensor *nn_loss_op(Interp *I, OpKind op, Tensor *input, Tensor *target, int reduction) {
    switch (op) {
    case OP_MSELOSS: return nn_mse_loss(I, input, target, reduction);
    case OP_BCELOSS: return nn_bce_loss(I, input, target, reduction);
    case OP_NLLLOSS: return nn_nll_loss(I, input, target, reduction);
    case OP_BCELOGITS: return nn_bce_logits_loss(I, input, target, reduction);
    default: err_raise(I, EXC_RuntimeError, "%s is not a loss", op_name[op]); return NULL;
    }
}

/* ---- backward rules (called by grad_apply) -------------------------------------------- */
static Tensor *sum_to_input(Interp *I, TapeNode *n, int i, Tensor *g) {
    if (!g) return NULL;
    Tensor *s = grad_sum_to(I, g, n->in_ndim[i], n->in_shape[i]);
    TDEC(g);
    if (s && s->dtype != n->in_dtype[i] && dtype_is_float(n->in_dtype[i])) {
        Tensor *c = tensor_copy(I, s, n->in_dtype[i]);
        TDEC(s);
        return c;
    }
    return s;
}

static Tensor *transposed(Interp *I, Tensor *a) {
    int64_t sh[2] = {a->shape[1], a->shape[0]}, st[2] = {a->stride[1], a->stride[0]};
    Tensor *v = tensor_view(I, a, 2, sh, st, a->offset);
    if (v) v->flavor = FLAVOR_TORCH;
    return v;
}

bool nn_grad_apply(Interp *I, TapeNode *n, Tensor *g, Tensor **out) {
    Tensor *A = n->saved[0], *B = n->saved[1];
    out[0] = out[1] = out[2] = NULL;
    switch (n->op) {
    case OP_ADDMM: {
        if (n->needs[0]) { out[0] = sum_to_input(I, n, 0, tref(g)); if (!out[0]) goto fail; }
        if (n->needs[1]) { /* grad @ mat2.t() */
            Tensor *bt = transposed(I, B);
            out[1] = bt ? kern_matmul(I, g, bt, g->dtype, FLAVOR_TORCH) : NULL;
            TDEC(bt);
            if (!out[1]) goto fail;
        }
        if (n->needs[2]) { /* mat1.t() @ grad */
            Tensor *at = transposed(I, A);
            out[2] = at ? kern_matmul(I, at, g, g->dtype, FLAVOR_TORCH) : NULL;
            TDEC(at);
            if (!out[2]) goto fail;
        }
        return true;
    }
    case OP_MSELOSS: {
        /* norm * (self - target) * grad, norm = 2/numel for mean */
        int red = (int)n->ip[0];
        DType dt = n->out_dtype;
        for (int k = 0; k < 2; k++) {
            if (!n->needs[k]) continue;
            Tensor *x = k == 0 ? A : B, *y = k == 0 ? B : A;
            Tensor *nrm = tensor_scalar(I, dt, FLAVOR_TORCH, red == 1 ? 2.0 / n->p[0] : 2.0);
            Tensor *d = nrm ? kern_binary(I, OP_SUB, x, y, dt, dt, FLAVOR_TORCH) : NULL;
            Tensor *e = d ? kern_binary(I, OP_MUL, nrm, d, dt, dt, FLAVOR_TORCH) : NULL;
            Tensor *r = e ? kern_binary(I, OP_MUL, e, g, dt, dt, FLAVOR_TORCH) : NULL;
            TDEC(nrm); TDEC(d); TDEC(e);
            out[k] = sum_to_input(I, n, k, r);
            if (!out[k]) goto fail;
        }
        return true;
    }
    case OP_BCELOSS: {
        int red = (int)n->ip[0];
        bool f32 = A->dtype == DT_FLOAT32;
        int64_t N = A->numel;
        for (int k = 0; k < 2; k++) {
            if (!n->needs[k]) continue;
            Tensor *r = tensor_new(I, A->dtype, FLAVOR_TORCH, A->ndim, A->shape);
            if (!r) goto fail;
            for (int64_t i = 0; i < N; i++) {
                double gv = tensor_get(g, red ? 0 : i), x = tensor_get(A, i), t = tensor_get(B, i);
                double v;
                if (k == 0) { /* grad * (input - target) / max((1 - input) * input, 1e-12) */
                    if (f32) {
                        float xf = (float)x, den = fmaxf((1.0f - xf) * xf, 1e-12f);
                        v = (double)((float)gv * (xf - (float)t) / den);
                        if (red == 1) v = (double)((float)v / (float)N);
                    } else {
                        v = gv * (x - t) / fmax((1.0 - x) * x, 1e-12);
                        if (red == 1) v /= (double)N;
                    }
                } else { /* -logit(input) * grad */
                    if (f32) {
                        float xf = (float)x;
                        v = (double)(-logf(xf / (1.0f - xf)) * (float)gv);
                        if (red == 1) v = (double)((float)v / (float)N);
                    } else {
                        v = -log(x / (1.0 - x)) * gv;
                        if (red == 1) v /= (double)N;
                    }
                }
                tensor_set(r, i, v);
            }
            out[k] = sum_to_input(I, n, k, r);
            if (!out[k]) goto fail;
        }
        return true;
    }
    case OP_BCELOGITS: { /* input: (sigmoid(x) - t) * grad; target: -(x * grad); both / numel for mean */
        int red = (int)n->ip[0];
        bool f32 = A->dtype == DT_FLOAT32;
        int64_t N = A->numel;
        for (int k = 0; k < 2; k++) {
            if (!n->needs[k]) continue;
            Tensor *r = tensor_new(I, A->dtype, FLAVOR_TORCH, A->ndim, A->shape);
            if (!r) goto fail;
            for (int64_t i = 0; i < N; i++) {
                double gv = tensor_get(g, red ? 0 : i), x = tensor_get(A, i), t = tensor_get(B, i), v;
                if (f32) {
                    float xf = (float)x, gf = (float)gv;
                    float u = k == 0 ? (1.0f / (1.0f + expf(-xf)) - (float)t) * gf : -(xf * gf);
                    v = red == 1 ? (double)(u / (float)N) : (double)u;
                } else {
                    double u = k == 0 ? (1.0 / (1.0 + exp(-x)) - t) * gv : -(x * gv);
                    v = red == 1 ? u / (double)N : u;
                }
                tensor_set(r, i, v);
            }
            out[k] = sum_to_input(I, n, k, r);
            if (!out[k]) goto fail;
        }
        return true;
    }
    case OP_SOFTPLUS: case OP_GELU: case OP_ELU: case OP_SILU: { /* grad * f'(x) */
        Tensor *r = tensor_new(I, A->dtype, FLAVOR_TORCH, A->ndim, A->shape);
        if (!r) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            double x = tensor_get(A, i), gv = tensor_get(g, i);
            tensor_set(r, i, A->dtype == DT_FLOAT32 ? (double)act_grad_f32(n->op, (float)x, (float)gv, (float)n->p[0], (float)n->p[1])
                                                    : gv * act_grad(n->op, x, n->p[0], n->p[1]));
        }
        out[0] = r;
        return true;
    }
    case OP_LEAKYRELU: { /* x > 0 ? grad : grad * negative_slope */
        Tensor *r = tensor_new(I, A->dtype, FLAVOR_TORCH, A->ndim, A->shape);
        if (!r) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            double gv = tensor_get(g, i);
            tensor_set(r, i, tensor_get(A, i) > 0 ? gv : A->dtype == DT_FLOAT32 ? (double)((float)gv * (float)n->p[0]) : gv * n->p[0]);
        }
        out[0] = r;
        return true;
    }
    case OP_NLLLOSS: {
        if (!n->needs[0]) return true;
        int red = (int)n->ip[0];
        Tensor *T = B;
        Tensor *r = tensor_new(I, n->in_dtype[0], FLAVOR_TORCH, n->in_ndim[0], n->in_shape[0]);
        if (!r) goto fail;
        int64_t N = (int64_t)n->p[0], C = n->in_shape[0][n->in_ndim[0] - 1];
        bool f32 = r->dtype == DT_FLOAT32;
        for (int64_t b = 0; b < N; b++) {
            double gv = tensor_get(g, red ? 0 : b);
            double v;
            if (red == 1) v = f32 ? (double)(-((float)gv / (float)N)) : -(gv / (double)N);
            else v = -gv;
            tensor_set(r, b * C + tensor_get_i64(T, b), v);
        }
        out[0] = r;
        return true;
    }
    default:
        err_raise(I, EXC_RuntimeError, "the derivative for '%s' is not implemented", op_name[n->op]);
        return false;
    }
fail:
    for (int k = 0; k < 3; k++) { TDEC(out[k]); out[k] = NULL; }
    if (!err_pending(I)) err_nomem(I);
    return false;
}

/* ---- modules ------------------------------------------------------------------------------ */
typedef enum {
    NK_LINEAR, NK_SEQUENTIAL, NK_RELU, NK_SIGMOID, NK_TANH, NK_SOFTMAX, NK_LOGSOFTMAX, NK_IDENTITY,
    NK_FLATTEN, NK_LEAKYRELU, NK_DROPOUT, NK_SOFTPLUS, NK_GELU, NK_ELU, NK_SILU,
    NK_MSE, NK_L1, NK_BCE, NK_CE, NK_NLL, NK_BCELOGITS, /* the losses stay last: kind >= NK_MSE tests for one */
} NnKind;
static const char *const nk_name[] = {
    "Linear", "Sequential", "ReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Identity",
    "Flatten", "LeakyReLU", "Dropout", "Softplus", "GELU", "ELU", "SiLU",
    "MSELoss", "L1Loss", "BCELoss", "CrossEntropyLoss", "NLLLoss", "BCEWithLogitsLoss",
};

typedef struct NnModule {
    Obj h;
    NnKind kind;
    Tensor *weight, *bias;     /* Linear (bias may be NULL) */
    int64_t in_f, out_f;
    List *children;            /* Sequential: the layers */
    int64_t children_cap;      /* length of labels */
    int64_t *labels;           /* Sequential: each layer's name ("0", "1", ...; a slice keeps them) or NULL */
    int reduction;             /* losses */
    int dim;                   /* Softmax: -100 = None; Flatten: start_dim */
    int end_dim;               /* Flatten */
    double p;                  /* Dropout: p; LeakyReLU: negative_slope; Softplus: beta; ELU: alpha */
    double p2;                 /* Softplus: threshold */
    bool p_int, p2_int;        /* printed as ints (Softplus(beta=1, threshold=20)) */
    bool inplace;              /* Dropout, LeakyReLU: only printed */
    bool training;
} NnModule;

extern const ObjClass nn_module_class;
#define IS_NNMOD(v) IS_A(v, nn_module_class)
#define AS_NNMOD(v) ((NnModule *)AS_OBJ(v))

static void nnmod_free(Obj *o) {
    NnModule *m = (NnModule *)o;
    TDEC(m->weight);
    TDEC(m->bias);
    if (m->children) obj_decref(&m->children->h);
    if (m->labels) mem_free(m->labels, sizeof(int64_t) * (size_t)m->children_cap);
    obj_dealloc(o, sizeof(NnModule));
}

static NnModule *nnmod_new(Interp *I, NnKind kind) {
    NnModule *m = obj_new(I, &nn_module_class, sizeof(NnModule));
    if (!m) return NULL;
    m->kind = kind;
    m->weight = m->bias = NULL;
    m->in_f = m->out_f = 0;
    m->children = NULL;
    m->labels = NULL;
    m->children_cap = 0;
    m->reduction = 1;
    m->dim = -100;
    m->end_dim = -1;
    m->p = m->p2 = 0;
    m->p_int = m->p2_int = false;
    m->inplace = false;
    m->training = true;
    return m;
}

static bool nnmod_repr(Interp *I, StrBuf *sb, Value self) {
    NnModule *m = AS_NNMOD(self);
    switch (m->kind) {
    case NK_LINEAR:
        sb_printf(sb, "Linear(in_features=%lld, out_features=%lld, bias=%s)", (long long)m->in_f, (long long)m->out_f, m->bias ? "True" : "False");
        return true;
    case NK_SEQUENTIAL: {
        sb_puts(sb, "Sequential(");
        if (m->children->len) sb_putc(sb, '\n');
        for (int64_t i = 0; i < m->children->len; i++) {
            StrBuf c;
            sb_init(&c);
            if (!val_repr(I, &c, m->children->items[i])) { sb_free(&c); return false; }
            sb_printf(sb, "  (%lld): ", (long long)(m->labels ? m->labels[i] : i));
            for (size_t k = 0; k < c.len; k++) {
                sb_putc(sb, c.data[k]);
                if (c.data[k] == '\n') sb_puts(sb, "  ");
            }
            sb_putc(sb, '\n');
            sb_free(&c);
        }
        sb_putc(sb, ')');
        return true;
    }
    case NK_SOFTMAX: case NK_LOGSOFTMAX:
        if (m->dim == -100) sb_printf(sb, "%s(dim=None)", nk_name[m->kind]);
        else sb_printf(sb, "%s(dim=%d)", nk_name[m->kind], m->dim);
        return true;
    case NK_FLATTEN:
        sb_printf(sb, "Flatten(start_dim=%d, end_dim=%d)", m->dim, m->end_dim);
        return true;
    case NK_LEAKYRELU:
        sb_puts(sb, "LeakyReLU(negative_slope=");
        fmt_float_repr(sb, m->p);
        sb_puts(sb, m->inplace ? ", inplace=True)" : ")");
        return true;
    case NK_SOFTPLUS:
        sb_puts(sb, "Softplus(beta=");
        if (m->p_int) sb_printf(sb, "%lld", (long long)m->p); else fmt_float_repr(sb, m->p);
        sb_puts(sb, ", threshold=");
        if (m->p2_int) sb_printf(sb, "%lld", (long long)m->p2); else fmt_float_repr(sb, m->p2);
        sb_putc(sb, ')');
        return true;
    case NK_ELU:
        sb_puts(sb, "ELU(alpha=");
        if (m->p_int) sb_printf(sb, "%lld", (long long)m->p); else fmt_float_repr(sb, m->p);
        sb_puts(sb, m->inplace ? ", inplace=True)" : ")");
        return true;
    case NK_GELU:
        sb_puts(sb, "GELU(approximate='none')");
        return true;
    case NK_DROPOUT:
        sb_puts(sb, "Dropout(p=");
        fmt_float_repr(sb, m->p);
        sb_printf(sb, ", inplace=%s)", m->inplace ? "True" : "False");
        return true;
    default:
        sb_printf(sb, "%s()", nk_name[m->kind]);
        return true;
    }
}

static const char *nnmod_type_name(Value self) { return nk_name[AS_NNMOD(self)->kind]; }

static int implicit_softmax_dim(int ndim) { return (ndim == 0 || ndim == 1 || ndim == 3) ? 0 : 1; }

static Tensor *softmax_call(Interp *I, Tensor *x, int dim, bool log_) {
    if (dim == -100) dim = implicit_softmax_dim(x->ndim);
    int nd = x->ndim ? x->ndim : 1;
    if (dim < -nd || dim >= nd) {
        err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got %d)", -nd, nd - 1, dim);
        return NULL;
    }
    if (dim < 0) dim += nd;
    return tensor_softmax_op(I, x, dim, log_);
}

static Value nnmod_forward(Interp *I, NnModule *m, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "forward() got an unexpected keyword argument '%s'", kw->names[0]->data);
    bool loss = m->kind >= NK_MSE;
    int want = loss ? 2 : 1;
    if (argc != want)
        return err_raise(I, EXC_TypeError, "forward() takes %d positional argument%s but %d %s given", want + 1, "s", argc + 1, argc + 1 == 1 ? "was" : "were");
    if (m->kind == NK_SEQUENTIAL) {
        Value x = val_incref(argv[0]);
        for (int64_t i = 0; i < m->children->len; i++) {
            Value y = val_call(I, m->children->items[i], 1, &x, NULL);
            val_decref(x);
            if (IS_ERR(y)) return y;
            x = y;
        }
        return x;
    }
    if (m->kind == NK_IDENTITY) return val_incref(argv[0]);
    if (!want_tensor(I, loss ? nk_name[m->kind] : m->kind == NK_LINEAR ? "linear" : nk_name[m->kind], "input", 1, argv[0])) return VAL_ERR;
    Tensor *x = AS_TENSOR(argv[0]), *r = NULL;
    if (loss && !want_tensor(I, nk_name[m->kind], "target", 2, argv[1])) return VAL_ERR;
    Tensor *t = loss ? AS_TENSOR(argv[1]) : NULL;
    switch (m->kind) {
    case NK_LINEAR: r = nn_linear_op(I, x, m->weight, m->bias); break;
    case NK_RELU: r = tensor_unary(I, OP_RELU, x, 0, 0); break;
    case NK_SIGMOID: r = tensor_unary(I, OP_SIGMOID, x, 0, 0); break;
    case NK_TANH: r = tensor_unary(I, OP_TANH, x, 0, 0); break;
    case NK_SOFTMAX: r = softmax_call(I, x, m->dim, false); break;
    case NK_LOGSOFTMAX: r = softmax_call(I, x, m->dim, true); break;
    case NK_MSE: r = nn_mse_loss(I, x, t, m->reduction); break;
    case NK_L1: r = nn_l1_loss(I, x, t, m->reduction); break;
    case NK_BCE: r = nn_bce_loss(I, x, t, m->reduction); break;
    case NK_CE: r = nn_cross_entropy(I, x, t, m->reduction); break;
    case NK_NLL: r = nn_nll_loss(I, x, t, m->reduction); break;
    case NK_BCELOGITS: r = nn_bce_logits_loss(I, x, t, m->reduction); break;
    case NK_FLATTEN: {
        Value args[3] = {argv[0], val_int(m->dim), val_int(m->end_dim)};
        Value v = tensor_call_method(I, "flatten", 3, args, NULL);
        return v;
    }
    case NK_LEAKYRELU: r = nn_leaky_relu(I, x, m->p); break;
    case NK_SOFTPLUS: r = nn_activation(I, OP_SOFTPLUS, x, m->p, m->p2); break;
    case NK_GELU: r = nn_activation(I, OP_GELU, x, 0, 0); break;
    case NK_ELU: r = nn_activation(I, OP_ELU, x, m->p, 0); break;
    case NK_SILU: r = nn_activation(I, OP_SILU, x, 0, 0); break;
    case NK_DROPOUT: r = nn_dropout(I, x, m->p, m->training); break;
    default: break;
    }
    return r ? tensor_value(r) : VAL_ERR;
}

static Value nnmod_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    return nnmod_forward(I, AS_NNMOD(self), argc, argv, kw);
}

static bool param_seen(List *out, bool named, Tensor *p) {
    for (int64_t i = 0; i < out->len; i++) {
        Value it = out->items[i];
        if (named) it = ((Tuple *)AS_OBJ(it))->items[1];
        if (AS_OBJ(it) == &p->h) return true;
    }
    return false;
}

/* A torch.nn.Module subclass written in ag inside a Sequential: its named_parameters(). */
static bool collect_user(Interp *I, Value child, const char *prefix, List *out, bool named) {
    Value r = eval_call_method(I, child, "named_parameters", 0, NULL, NULL);
    if (IS_ERR(r)) return false;
    Value it = val_iter(I, r);
    val_decref(r);
    if (IS_ERR(it)) return false;
    bool ok = true;
    for (;;) {
        Value kv = val_next(I, it);
        if (IS_ERR(kv)) { ok = false; break; }
        if (IS_UNDEF(kv)) break;
        if (!IS_A(kv, tuple_class) || ((Tuple *)AS_OBJ(kv))->len != 2 || !IS_TENSOR(((Tuple *)AS_OBJ(kv))->items[1]) ||
            !IS_A(((Tuple *)AS_OBJ(kv))->items[0], str_class)) {
            val_decref(kv);
            err_raise(I, EXC_TypeError, "named_parameters() must give (name, Parameter) pairs");
            ok = false;
            break;
        }
        Tuple *t = (Tuple *)AS_OBJ(kv);
        Tensor *p = AS_TENSOR(t->items[1]);
        if (!param_seen(out, named, p)) {
            if (!named) ok = list_append(I, out, t->items[1]);
            else {
                StrBuf sb;
                sb_init(&sb);
                sb_printf(&sb, "%s%s", prefix, str_cstr((Str *)AS_OBJ(t->items[0])));
                Value s = sb_to_str(I, &sb);
                Value tup = IS_ERR(s) ? VAL_ERR : val_tuple2(I, s, t->items[1]);
                val_decref(s);
                ok = !IS_ERR(tup) && list_append(I, out, tup);
                val_decref(tup);
            }
        }
        val_decref(kv);
        if (!ok) break;
    }
    val_decref(it);
    return ok;
}

/* parameters in registration order, with their dotted names */
static bool collect_params(Interp *I, NnModule *m, const char *prefix, List *out, bool named) {
    char name[256];
    Tensor *ps[2] = {m->weight, m->bias};
    const char *pn[2] = {"weight", "bias"};
    for (int k = 0; k < 2; k++) {
        if (!ps[k]) continue;
        /* torch skips a parameter already yielded (shared layers) */
        bool seen = false;
        for (int64_t i = 0; i < out->len && !seen; i++) {
            Value it = out->items[i];
            if (named) it = ((Tuple *)AS_OBJ(it))->items[1];
            seen = AS_OBJ(it) == &ps[k]->h;
        }
        if (seen) continue;
        if (!named) { if (!list_append(I, out, val_obj(ps[k]))) return false; continue; }
        snprintf(name, sizeof name, "%s%s", prefix, pn[k]);
        Value s = val_str(I, name, strlen(name));
        if (IS_ERR(s)) return false;
        Value tup = val_tuple2(I, s, val_obj(ps[k]));
        val_decref(s);
        if (IS_ERR(tup)) return false;
        bool ok = list_append(I, out, tup);
        val_decref(tup);
        if (!ok) return false;
    }
    if (m->children)
        for (int64_t i = 0; i < m->children->len; i++) {
            snprintf(name, sizeof name, "%s%lld.", prefix, (long long)(m->labels ? m->labels[i] : i));
            Value ch = m->children->items[i];
            if (!(IS_NNMOD(ch) ? collect_params(I, AS_NNMOD(ch), name, out, named) : collect_user(I, ch, name, out, named))) return false;
        }
    return true;
}

static Value nnm_parameters(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "recurse"};
    Value a[2];
    if (!nat_args(I, "parameters", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    if (!collect_params(I, AS_NNMOD(a[0]), "", l, false)) { obj_decref(&l->h); return VAL_ERR; }
    return val_obj(l);
}

static Value nnm_named_parameters(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "prefix", "recurse"};
    Value a[3];
    if (!nat_args(I, "named_parameters", argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    if (!collect_params(I, AS_NNMOD(a[0]), "", l, true)) { obj_decref(&l->h); return VAL_ERR; }
    return val_obj(l);
}

static void zero_grad_of(Tensor *p, bool set_to_none) {
    if (!p->grad) return;
    if (set_to_none) { TDEC(p->grad); p->grad = NULL; return; }
    Tensor *g = p->grad;
    g->requires_grad = false;
    for (int64_t i = 0; i < g->numel; i++) tensor_set(g, i, 0.0);
    bump_version(g);
}

static Value nnm_zero_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "set_to_none"};
    Value a[2];
    if (!nat_args(I, "zero_grad", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    bool none;
    if (!opt_bool(I, a[1], false, &none)) return VAL_ERR;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    if (!collect_params(I, AS_NNMOD(a[0]), "", l, false)) { obj_decref(&l->h); return VAL_ERR; }
    for (int64_t i = 0; i < l->len; i++) zero_grad_of(AS_TENSOR(l->items[i]), none);
    obj_decref(&l->h);
    return VAL_NONE;
}

static bool set_training(Interp *I, NnModule *m, bool mode) {
    m->training = mode;
    if (m->children)
        for (int64_t i = 0; i < m->children->len; i++) {
            Value ch = m->children->items[i];
            if (IS_NNMOD(ch)) { if (!set_training(I, AS_NNMOD(ch), mode)) return false; continue; }
            Value arg = val_bool(mode), r = eval_call_method(I, ch, "train", 1, &arg, NULL); /* a module written in ag */
            if (IS_ERR(r)) return false;
            val_decref(r);
        }
    return true;
}

static Value nnm_train(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "mode"};
    Value a[2];
    if (!nat_args(I, "train", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    bool mode;
    if (!opt_bool(I, a[1], true, &mode)) return VAL_ERR;
    if (!set_training(I, AS_NNMOD(a[0]), mode)) return VAL_ERR;
    return val_incref(a[0]);
}

static Value nnm_eval(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self"};
    Value a[1];
    if (!nat_args(I, "eval", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    if (!set_training(I, AS_NNMOD(a[0]), false)) return VAL_ERR;
    return val_incref(a[0]);
}

/* model.to(device) / model.cpu(): ag runs on the CPU, so the module itself; a dtype is refused
 * (the parameters would have to change type in place) */
static Value nnm_to(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "device", "dtype", "non_blocking"};
    Value a[4];
    if (!nat_args(I, "to", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    for (int i = 1; i < 3; i++) {
        DType dt;
        if (!IS_UNDEF(a[i]) && !IS_NONE(a[i]) && !IS_A(a[i], str_class)) {
            if (value_as_dtype(a[i], &dt)) return err_raise(I, EXC_NotImplementedError, "Module.to(dtype) is not supported in ag: create the layers with dtype=, or convert the inputs");
            return err_raise(I, EXC_TypeError, "to() received an invalid combination of arguments - got (%s)", val_type_name(a[i]));
        }
    }
    return val_incref(a[0]);
}
static Value nnm_cpu(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self"};
    Value a[1];
    if (!nat_args(I, "cpu", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    return val_incref(a[0]);
}

static Value nnm_forward(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return nnmod_forward(I, AS_NNMOD(argv[0]), argc - 1, argv + 1, kw);
}

static Value nnm_children(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self"};
    Value a[1];
    if (!nat_args(I, "children", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    NnModule *m = AS_NNMOD(a[0]);
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    if (m->children)
        for (int64_t i = 0; i < m->children->len; i++)
            if (!list_append(I, l, m->children->items[i])) { obj_decref(&l->h); return VAL_ERR; }
    return val_obj(l);
}

/* state_dict(): an OrderedDict of detached aliases of the parameters (they share storage, so a
 * later optimizer step shows through, as in torch) */
static Value nnm_state_dict(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "destination", "prefix", "keep_vars"};
    Value a[4];
    if (!nat_args(I, "state_dict", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    bool keep;
    if (!opt_bool(I, a[3], false, &keep)) return VAL_ERR;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    Dict *d = collect_params(I, AS_NNMOD(a[0]), "", l, true) ? dict_new(I) : NULL;
    if (!d) { obj_decref(&l->h); return VAL_ERR; }
    d->flavor = DICT_ORDERED;
    for (int64_t i = 0; i < l->len; i++) {
        Tuple *kv = (Tuple *)AS_OBJ(l->items[i]);
        Tensor *t = keep ? tref(AS_TENSOR(kv->items[1])) : tensor_detach(I, AS_TENSOR(kv->items[1]));
        bool ok = t && dict_set(I, d, kv->items[0], val_obj(t));
        TDEC(t);
        if (!ok) { obj_decref(&l->h); obj_decref(&d->h); return VAL_ERR; }
    }
    obj_decref(&l->h);
    return val_obj(d);
}

/* load_state_dict's result: torch's _IncompatibleKeys named pair (missing_keys, unexpected_keys) */
typedef struct NnKeys { Obj h; List *missing, *unexpected; } NnKeys;
static void nnkeys_free(Obj *o) {
    NnKeys *k = (NnKeys *)o;
    if (k->missing) obj_decref(&k->missing->h);
    if (k->unexpected) obj_decref(&k->unexpected->h);
    obj_dealloc(o, sizeof(NnKeys));
}
static bool nnkeys_repr(Interp *I, StrBuf *sb, Value self) {
    NnKeys *k = (NnKeys *)AS_OBJ(self);
    if (!k->missing->len && !k->unexpected->len) { sb_puts(sb, "<All keys matched successfully>"); return true; }
    sb_puts(sb, "_IncompatibleKeys(missing_keys=");
    if (!val_repr(I, sb, val_obj(k->missing))) return false;
    sb_puts(sb, ", unexpected_keys=");
    if (!val_repr(I, sb, val_obj(k->unexpected))) return false;
    sb_putc(sb, ')');
    return true;
}
static Value nnkeys_getattr(Interp *I, Value self, Str *name) {
    (void)I;
    NnKeys *k = (NnKeys *)AS_OBJ(self);
    if (!strcmp(name->data, "missing_keys")) { obj_incref(&k->missing->h); return val_obj(k->missing); }
    if (!strcmp(name->data, "unexpected_keys")) { obj_incref(&k->unexpected->h); return val_obj(k->unexpected); }
    return VAL_UNDEF;
}
static const ObjClass nn_keys_class = {.name = "_IncompatibleKeys", .free = nnkeys_free, .repr = nnkeys_repr, .getattr = nnkeys_getattr};

/* '"a", "b"' as torch joins key names in its messages */
static void quoted_keys(StrBuf *sb, List *l) {
    for (int64_t i = 0; i < l->len; i++) sb_printf(sb, "%s\"%s\"", i ? ", " : "", str_cstr((Str *)AS_OBJ(l->items[i])));
}

/* load_state_dict(state_dict, strict=True): copy each matching entry into its parameter (as
 * torch's param.copy_ under no_grad); strict raises torch's "Error(s) in loading state_dict" */
static Value nnm_load_state_dict(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "state_dict", "strict"};
    Value a[3];
    if (!nat_args(I, "load_state_dict", argc, argv, kw, 3, names, 2, a)) return VAL_ERR;
    bool strict;
    if (!opt_bool(I, a[2], true, &strict)) return VAL_ERR;
    if (!IS_A(a[1], dict_class)) return err_raise(I, EXC_TypeError, "Expected state_dict to be dict-like, got %s.", val_type_name(a[1]));
    NnModule *m = AS_NNMOD(a[0]);
    Dict *sd = (Dict *)AS_OBJ(a[1]);
    List *l = list_new(I, 0);
    NnKeys *res = obj_new(I, &nn_keys_class, sizeof(NnKeys));
    if (res) { res->missing = list_new(I, 0); res->unexpected = list_new(I, 0); }
    StrBuf sizes;
    sb_init(&sizes);
    bool ok = l && res && res->missing && res->unexpected && collect_params(I, m, "", l, true);
    for (int64_t i = 0; ok && i < l->len; i++) {
        Tuple *kv = (Tuple *)AS_OBJ(l->items[i]);
        Tensor *p = AS_TENSOR(kv->items[1]);
        Value v = dict_get(I, sd, kv->items[0]);
        if (IS_ERR(v)) { ok = false; break; }
        if (IS_UNDEF(v)) { ok = list_append(I, res->missing, kv->items[0]); continue; }
        if (!IS_TENSOR(v)) {
            sb_printf(&sizes, "\n\tWhile copying the parameter named \"%s\", expected torch.Tensor or Tensor-like object from checkpoint but received %s", str_cstr((Str *)AS_OBJ(kv->items[0])), val_type_name(v));
            continue;
        }
        Tensor *src = AS_TENSOR(v);
        bool same = src->ndim == p->ndim;
        for (int k = 0; same && k < p->ndim; k++) same = src->shape[k] == p->shape[k];
        if (!same) {
            char s1[128], s2[128];
            shape_text(s1, sizeof s1, src);
            shape_text(s2, sizeof s2, p);
            sb_printf(&sizes, "\n\tsize mismatch for %s: copying a param with shape %s from checkpoint, the shape in current model is %s.", str_cstr((Str *)AS_OBJ(kv->items[0])), s1, s2);
            continue;
        }
        if (src != p) {
            for (int64_t k = 0; k < p->numel; k++) tensor_set(p, k, tensor_get(src, k));
            bump_version(p);
        }
    }
    /* keys of the state dict that no parameter has */
    for (int64_t i = 0; ok && i < sd->nentries; i++) {
        Value k = sd->entries[i].key;
        if (IS_UNDEF(k)) continue;
        bool found = false;
        for (int64_t j = 0; j < l->len && !found; j++) {
            Value pk = ((Tuple *)AS_OBJ(l->items[j]))->items[0];
            ok = val_eq(I, k, pk, &found);
            if (!ok) break;
        }
        if (ok && !found) ok = list_append(I, res->unexpected, k);
    }
    if (l) obj_decref(&l->h);
    if (ok && (sizes.len || (strict && (res->missing->len || res->unexpected->len)))) {
        StrBuf msg;
        sb_init(&msg);
        sb_printf(&msg, "Error(s) in loading state_dict for %s:", nk_name[m->kind]);
        if (strict && res->missing->len) { sb_puts(&msg, "\n\tMissing key(s) in state_dict: "); quoted_keys(&msg, res->missing); sb_puts(&msg, ". "); }
        if (strict && res->unexpected->len) { sb_puts(&msg, "\n\tUnexpected key(s) in state_dict: "); quoted_keys(&msg, res->unexpected); sb_puts(&msg, ". "); }
        if (sizes.len) sb_puts(&msg, sizes.data);
        err_raise(I, EXC_RuntimeError, "%s", msg.data ? msg.data : "");
        sb_free(&msg);
        ok = false;
    }
    sb_free(&sizes);
    if (!ok) { if (res) obj_decref(&res->h); return VAL_ERR; }
    return val_obj(res);
}

/* apply(fn): fn on every sub-module (those written in ag through their own apply), then on self */
static Value nnm_apply(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "fn"};
    Value a[2];
    if (!nat_args(I, "apply", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    NnModule *m = AS_NNMOD(a[0]);
    if (m->children)
        for (int64_t i = 0; i < m->children->len; i++) {
            Value ch = m->children->items[i];
            Value r = IS_NNMOD(ch) ? nnm_apply(I, 2, (Value[]){ch, a[1]}, NULL) : eval_call_method(I, ch, "apply", 1, &a[1], NULL);
            if (IS_ERR(r)) return r;
            val_decref(r);
        }
    Value r = val_call(I, a[1], 1, &a[0], NULL);
    if (IS_ERR(r)) return r;
    val_decref(r);
    return val_incref(a[0]);
}

static const MethodDef nnmod_methods[] = {
    {"parameters", nnm_parameters, "parameters()", "The module's parameters (weights and biases, in order), as a list."},
    {"named_parameters", nnm_named_parameters, "named_parameters()", "(name, parameter) pairs: ('weight', ...), ('0.bias', ...)."},
    {"zero_grad", nnm_zero_grad, "zero_grad(set_to_none=False)", "Zero the .grad of every parameter (in place)."},
    {"train", nnm_train, "train(mode=True)", "Set training mode (no effect on the layers ag has); returns the module."},
    {"eval", nnm_eval, "eval()", "Set evaluation mode; returns the module."},
    {"to", nnm_to, "to(device)", "The module itself: ag's tensors live on the CPU."},
    {"cpu", nnm_cpu, "cpu()", "The module itself: ag's tensors live on the CPU."},
    {"forward", nnm_forward, "forward(x)", "Compute the module's output (the same as calling it)."},
    {"children", nnm_children, "children()", "The direct sub-modules (a Sequential's layers), as a list."},
    {"apply", nnm_apply, "apply(fn)", "Call fn on every sub-module, then on the module itself; returns the module."},
    {"state_dict", nnm_state_dict, "state_dict()", "An OrderedDict of the parameters by dotted name (detached tensors sharing their data)."},
    {"load_state_dict", nnm_load_state_dict, "load_state_dict(state_dict, strict=True)", "Copy the tensors of a state_dict into the parameters of the same names."},
    {NULL, NULL, NULL, NULL},
};

static Value nnmod_getattr(Interp *I, Value self, Str *name) {
    NnModule *m = AS_NNMOD(self);
    const char *n = name->data;
    if (m->kind == NK_LINEAR) {
        if (!strcmp(n, "weight")) return val_obj(tref(m->weight));
        if (!strcmp(n, "bias")) return m->bias ? val_obj(tref(m->bias)) : VAL_NONE;
        if (!strcmp(n, "in_features")) return val_int(m->in_f);
        if (!strcmp(n, "out_features")) return val_int(m->out_f);
    }
    if (m->kind >= NK_MSE && !strcmp(n, "reduction")) {
        static const char *const rn[] = {"none", "mean", "sum"};
        return val_str(I, rn[m->reduction], strlen(rn[m->reduction]));
    }
    if ((m->kind == NK_SOFTMAX || m->kind == NK_LOGSOFTMAX) && !strcmp(n, "dim"))
        return m->dim == -100 ? VAL_NONE : val_int(m->dim);
    if (!strcmp(n, "training")) return val_bool(m->training);
    return VAL_UNDEF;
}

static bool nnmod_setattr(Interp *I, Value self, Str *name, Value v) {
    NnModule *m = AS_NNMOD(self);
    const char *n = name->data;
    if (m->kind == NK_LINEAR && (!strcmp(n, "weight") || !strcmp(n, "bias"))) {
        Tensor **slot = n[0] == 'w' ? &m->weight : &m->bias;
        if (IS_NONE(v) && n[0] == 'b') { TDEC(*slot); *slot = NULL; return true; }
        if (!IS_TENSOR(v) || !AS_TENSOR(v)->is_param) {
            const char *tn = IS_TENSOR(v) ? (AS_TENSOR(v)->dtype == DT_FLOAT64 ? "torch.DoubleTensor" : AS_TENSOR(v)->dtype == DT_INT64 ? "torch.LongTensor" : "torch.FloatTensor") : val_type_name(v);
            err_raise(I, EXC_TypeError, "cannot assign '%s' as parameter '%s' (torch.nn.Parameter or None expected)", tn, n);
            err_hint(I, "wrap the tensor: model.%s = nn.Parameter(t), or update it in place under torch.no_grad()", n);
            return false;
        }
        Tensor *old = *slot;
        *slot = tref(AS_TENSOR(v));
        TDEC(old);
        return true;
    }
    if (!strcmp(n, "training")) {
        int b = val_truth(I, v);
        if (b < 0) return false;
        m->training = b;
        return true;
    }
    err_raise(I, EXC_AttributeError, "'%s' object attribute '%s' cannot be set in ag", nk_name[m->kind], n);
    return false;
}

static Value nnmod_getitem(Interp *I, Value self, Value key) {
    NnModule *m = AS_NNMOD(self);
    if (m->kind != NK_SEQUENTIAL) return err_raise(I, EXC_TypeError, "'%s' object is not subscriptable", nk_name[m->kind]);
    int64_t len = m->children->len;
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, count;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), len, &start, &stop, &step, &count)) return VAL_ERR;
        NnModule *s = nnmod_new(I, NK_SEQUENTIAL);
        if (!s) return VAL_ERR;
        s->children = list_new(I, count);
        if (!s->children) { obj_decref(&s->h); return VAL_ERR; }
        if (count) {
            s->labels = mem_alloc(sizeof(int64_t) * (size_t)count);
            if (!s->labels) { obj_decref(&s->h); return err_nomem(I); }
            s->children_cap = count;
        }
        for (int64_t i = 0, j = start; i < count; i++, j += step) {
            s->labels[i] = m->labels ? m->labels[j] : j;
            if (!list_append(I, s->children, m->children->items[j])) { obj_decref(&s->h); return VAL_ERR; }
        }
        return val_obj(s);
    }
    int64_t i;
    if (!val_as_index(I, key, &i)) return VAL_ERR;
    if (i < -len || i >= len) return err_raise(I, EXC_IndexError, "index %lld is out of range", (long long)i);
    if (i < 0) i += len;
    return val_incref(m->children->items[i]);
}

static int64_t nnmod_len(Interp *I, Value self) {
    NnModule *m = AS_NNMOD(self);
    if (m->kind != NK_SEQUENTIAL) { err_raise(I, EXC_TypeError, "object of type '%s' has no len()", nk_name[m->kind]); return -1; }
    return m->children->len;
}

static Value nnmod_iter(Interp *I, Value self) {
    NnModule *m = AS_NNMOD(self);
    if (m->kind != NK_SEQUENTIAL) return err_raise(I, EXC_TypeError, "'%s' object is not iterable", nk_name[m->kind]);
    return val_iter(I, val_obj(m->children));
}

static bool nnmod_hash(Interp *I, Value self, uint64_t *out) { *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4; return true; }

const ObjClass nn_module_class = {
    .name = "Module",
    .free = nnmod_free,
    .repr = nnmod_repr,
    .getattr = nnmod_getattr,
    .setattr = nnmod_setattr,
    .getitem = nnmod_getitem,
    .len = nnmod_len,
    .iter = nnmod_iter,
    .call = nnmod_call,
    .hash = nnmod_hash,
    .methods = nnmod_methods,
    .type_name = nnmod_type_name,
};

/* a new leaf Parameter of the given shape, filled by torch's uniform_(lo, hi) */
static Tensor *uniform_param(Interp *I, DType dt, int ndim, const int64_t *shape, double lo, double hi, bool fill) {
    Tensor *p = tensor_new(I, dt, FLAVOR_TORCH, ndim, shape);
    if (!p) return NULL;
    if (fill && p->numel) {
        rng_torch_uniform(p); /* u in [0, 1), the stream torch.rand consumes */
        if (dt == DT_FLOAT32) {
            float from = (float)lo, to = (float)hi, d = to - from;
            float *a = p->storage->data;
            for (int64_t i = 0; i < p->numel; i++) a[i] = fmaf(a[i], d, from);
        } else {
            double d = hi - lo;
            double *a = p->storage->data;
            for (int64_t i = 0; i < p->numel; i++) a[i] = fma(a[i], d, lo);
        }
    }
    p->requires_grad = true;
    p->is_param = true;
    return p;
}

static bool dtype_arg(Interp *I, Value v, DType *dt) {
    *dt = DT_FLOAT32;
    if (IS_UNDEF(v) || IS_NONE(v)) return true;
    if (!value_as_dtype(v, dt) || !dtype_is_float(*dt)) {
        err_raise(I, EXC_TypeError, "nn layers take dtype=torch.float32 or torch.float64");
        return false;
    }
    return true;
}

static Value nn_Linear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"in_features", "out_features", "bias", "device", "dtype"};
    Value a[5];
    if (!nat_args(I, "Linear", argc, argv, kw, 5, names, 2, a)) return VAL_ERR;
    int64_t in_f, out_f;
    if (!val_as_index(I, a[0], &in_f) || !val_as_index(I, a[1], &out_f)) return VAL_ERR;
    if (in_f < 0 || out_f < 0) return err_raise(I, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld, %lld]", (long long)(out_f < 0 ? out_f : in_f), (long long)out_f, (long long)in_f);
    bool has_bias;
    DType dt;
    if (!opt_bool(I, a[2], true, &has_bias) || !dtype_arg(I, a[4], &dt)) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_LINEAR);
    if (!m) return VAL_ERR;
    m->in_f = in_f;
    m->out_f = out_f;
    /* kaiming_uniform_(weight, a=sqrt(5)): gain = sqrt(2 / (1 + a^2)), bound = sqrt(3) * gain / sqrt(fan_in) */
    double sa = sqrt(5.0), gain = sqrt(2.0 / (1.0 + sa * sa));
    double wb = in_f ? sqrt(3.0) * (gain / sqrt((double)in_f)) : 0;
    int64_t ws[2] = {out_f, in_f};
    m->weight = uniform_param(I, dt, 2, ws, -wb, wb, in_f > 0);
    if (!m->weight) { obj_decref(&m->h); return VAL_ERR; }
    if (has_bias) {
        double bb = in_f > 0 ? 1.0 / sqrt((double)in_f) : 0;
        m->bias = uniform_param(I, dt, 1, &out_f, -bb, bb, true);
        if (!m->bias) { obj_decref(&m->h); return VAL_ERR; }
    }
    return val_obj(m);
}

static Value nn_Sequential(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "Sequential() got an unexpected keyword argument '%s'", kw->names[0]->data);
    NnModule *m = nnmod_new(I, NK_SEQUENTIAL);
    if (!m) return VAL_ERR;
    m->children = list_new(I, argc);
    if (!m->children) { obj_decref(&m->h); return VAL_ERR; }
    for (int i = 0; i < argc; i++) {
        if (!IS_NNMOD(argv[i]) && !cls_derives_from_peer(argv[i], &nn_module_class)) {
            obj_decref(&m->h);
            return err_raise(I, EXC_TypeError, "%s is not a Module subclass", val_type_name(argv[i]));
        }
        if (!list_append(I, m->children, argv[i])) { obj_decref(&m->h); return VAL_ERR; }
    }
    return val_obj(m);
}

static Value simple_module(Interp *I, NnKind kind, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"inplace"};
    Value a[1];
    if (!nat_args(I, fname, argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    NnModule *m = nnmod_new(I, kind);
    return m ? val_obj(m) : VAL_ERR;
}
static Value nn_ReLU(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return simple_module(I, NK_RELU, "ReLU", argc, argv, kw); }
static Value nn_Sigmoid(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return simple_module(I, NK_SIGMOID, "Sigmoid", argc, argv, kw); }
static Value nn_Tanh(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return simple_module(I, NK_TANH, "Tanh", argc, argv, kw); }
static Value nn_Identity(Interp *I, int argc, const Value *argv, const KwArgs *kw) { (void)argc; (void)argv; (void)kw; NnModule *m = nnmod_new(I, NK_IDENTITY); return m ? val_obj(m) : VAL_ERR; }

static Value softmax_module(Interp *I, NnKind kind, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"dim"};
    Value a[1];
    if (!nat_args(I, fname, argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    int64_t d = -100;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0]) && !val_as_index(I, a[0], &d)) return VAL_ERR;
    NnModule *m = nnmod_new(I, kind);
    if (!m) return VAL_ERR;
    m->dim = (int)d;
    return val_obj(m);
}
static Value nn_Softmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return softmax_module(I, NK_SOFTMAX, "Softmax", argc, argv, kw); }
static Value nn_LogSoftmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return softmax_module(I, NK_LOGSOFTMAX, "LogSoftmax", argc, argv, kw); }

static Value loss_module(Interp *I, NnKind kind, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"size_average", "reduce", "reduction"};
    Value a[3];
    if (!nat_args(I, fname, argc, argv, kw, 3, names, 0, a)) return VAL_ERR;
    int red = parse_reduction(I, a[2]);
    if (red < 0) return VAL_ERR;
    NnModule *m = nnmod_new(I, kind);
    if (!m) return VAL_ERR;
    m->reduction = red;
    return val_obj(m);
}
static Value nn_MSELoss(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return loss_module(I, NK_MSE, "MSELoss", argc, argv, kw); }
static Value nn_L1Loss(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return loss_module(I, NK_L1, "L1Loss", argc, argv, kw); }
static Value nn_BCELoss(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return loss_module(I, NK_BCE, "BCELoss", argc, argv, kw); }
static Value nn_CrossEntropyLoss(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return loss_module(I, NK_CE, "CrossEntropyLoss", argc, argv, kw); }
static Value nn_NLLLoss(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return loss_module(I, NK_NLL, "NLLLoss", argc, argv, kw); }
static Value nn_BCEWithLogitsLoss(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"weight", "size_average", "reduce", "reduction", "pos_weight"};
    Value a[5];
    if (!nat_args(I, "BCEWithLogitsLoss", argc, argv, kw, 5, names, 0, a)) return VAL_ERR;
    if ((!IS_UNDEF(a[0]) && !IS_NONE(a[0])) || (!IS_UNDEF(a[4]) && !IS_NONE(a[4])))
        return err_raise(I, EXC_NotImplementedError, "BCEWithLogitsLoss(): weight= and pos_weight= are not supported in ag");
    int red = parse_reduction(I, a[3]);
    if (red < 0) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_BCELOGITS);
    if (!m) return VAL_ERR;
    m->reduction = red;
    return val_obj(m);
}

static Value nn_Flatten(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"start_dim", "end_dim"};
    Value a[2];
    if (!nat_args(I, "Flatten", argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    int64_t s = 1, e = -1;
    if ((!IS_UNDEF(a[0]) && !val_as_index(I, a[0], &s)) || (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &e))) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_FLATTEN);
    if (!m) return VAL_ERR;
    m->dim = (int)s;
    m->end_dim = (int)e;
    return val_obj(m);
}
/* LeakyReLU(negative_slope=0.01, inplace=False) and Dropout(p=0.5, inplace=False) */
static Value p_module(Interp *I, NnKind kind, const char *fname, const char *pname, double dflt, int argc, const Value *argv, const KwArgs *kw) {
    const char *names[] = {pname, "inplace"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    double p = dflt;
    if (!IS_UNDEF(a[0])) {
        if (!IS_NUM(a[0])) return err_raise(I, EXC_TypeError, "%s(): %s must be a number, not %s", fname, pname, val_type_name(a[0]));
        p = IS_FLOAT(a[0]) ? a[0].as.f : IS_INT(a[0]) ? (double)a[0].as.i : a[0].as.b;
    }
    if (kind == NK_DROPOUT && (p < 0 || p > 1)) {
        StrBuf sb;
        sb_init(&sb);
        fmt_float_repr(&sb, p);
        Value r = err_raise(I, EXC_ValueError, "dropout probability has to be between 0 and 1, but got %s", sb.data ? sb.data : "");
        sb_free(&sb);
        return r;
    }
    bool inplace;
    if (!opt_bool(I, a[1], false, &inplace)) return VAL_ERR;
    NnModule *m = nnmod_new(I, kind);
    if (!m) return VAL_ERR;
    m->p = p;
    m->inplace = inplace;
    return val_obj(m);
}
/* Softplus(beta=1, threshold=20), ELU(alpha=1.0, inplace=False), GELU(approximate='none'), SiLU() */
static bool num_param(Interp *I, const char *fname, const char *pname, Value v, double dflt, bool dflt_int, double *out, bool *is_int) {
    *out = dflt;
    *is_int = dflt_int;
    if (IS_UNDEF(v)) return true;
    if (!IS_NUM(v) || IS_BOOL(v)) { err_raise(I, EXC_TypeError, "%s(): %s must be a number, not %s", fname, pname, val_type_name(v)); return false; }
    *is_int = IS_INT(v);
    *out = IS_INT(v) ? (double)v.as.i : v.as.f;
    return true;
}
static Value nn_Softplus(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"beta", "threshold"};
    Value a[2];
    if (!nat_args(I, "Softplus", argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_SOFTPLUS);
    if (!m) return VAL_ERR;
    if (!num_param(I, "Softplus", "beta", a[0], 1, true, &m->p, &m->p_int) || !num_param(I, "Softplus", "threshold", a[1], 20, true, &m->p2, &m->p2_int)) {
        obj_decref(&m->h);
        return VAL_ERR;
    }
    return val_obj(m);
}
static Value nn_ELU(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"alpha", "inplace"};
    Value a[2];
    if (!nat_args(I, "ELU", argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    bool inplace;
    if (!opt_bool(I, a[1], false, &inplace)) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_ELU);
    if (!m) return VAL_ERR;
    m->inplace = inplace;
    if (!num_param(I, "ELU", "alpha", a[0], 1.0, false, &m->p, &m->p_int)) { obj_decref(&m->h); return VAL_ERR; }
    return val_obj(m);
}
static bool gelu_approx(Interp *I, Value v) {
    if (IS_UNDEF(v) || (IS_A(v, str_class) && !strcmp(str_cstr((Str *)AS_OBJ(v)), "none"))) return true;
    err_raise(I, EXC_NotImplementedError, "gelu(approximate=...) other than 'none' is not supported in ag");
    return false;
}
static Value nn_GELU(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"approximate"};
    Value a[1];
    if (!nat_args(I, "GELU", argc, argv, kw, 1, names, 0, a) || !gelu_approx(I, a[0])) return VAL_ERR;
    NnModule *m = nnmod_new(I, NK_GELU);
    return m ? val_obj(m) : VAL_ERR;
}
static Value nn_SiLU(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return simple_module(I, NK_SILU, "SiLU", argc, argv, kw); }

static Value nn_LeakyReLU(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return p_module(I, NK_LEAKYRELU, "LeakyReLU", "negative_slope", 0.01, argc, argv, kw); }
static Value nn_Dropout(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return p_module(I, NK_DROPOUT, "Dropout", "p", 0.5, argc, argv, kw); }

static Value nn_Parameter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"data", "requires_grad"};
    Value a[2];
    if (!nat_args(I, "Parameter", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "Parameter(): data must be a Tensor, not %s", val_type_name(a[0]));
    bool rg;
    if (!opt_bool(I, a[1], true, &rg)) return VAL_ERR;
    Tensor *src = AS_TENSOR(a[0]);
    if (rg && !dtype_is_float(src->dtype)) return err_raise(I, EXC_RuntimeError, "Only Tensors of floating point and complex dtype can require gradients");
    Tensor *p = tensor_detach(I, src); /* shares the data, as torch's Parameter does */
    if (!p) return VAL_ERR;
    p->flavor = FLAVOR_TORCH;
    p->requires_grad = rg;
    p->is_param = true;
    return tensor_value(p);
}

/* ---- torch.nn.functional ------------------------------------------------------------------- */
static bool loss_args(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw, Tensor **x, Tensor **t, int *red) {
    static const char *const names[] = {"input", "target", "weight", "size_average", "ignore_index", "reduce", "reduction"};
    Value a[7];
    if (!nat_args(I, fname, argc, argv, kw, 7, names, 2, a)) return false;
    if (!want_tensor(I, fname, "input", 1, a[0]) || !want_tensor(I, fname, "target", 2, a[1])) return false;
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) { err_raise(I, EXC_NotImplementedError, "%s(): weight= is not supported in ag", fname); return false; }
    *red = parse_reduction(I, a[6]);
    if (*red < 0) return false;
    *x = AS_TENSOR(a[0]);
    *t = AS_TENSOR(a[1]);
    return true;
}
#define FLOSS(cname, pyname, fn) \
    static Value cname(Interp *I, int argc, const Value *argv, const KwArgs *kw) { \
        Tensor *x, *t; int red; \
        if (!loss_args(I, pyname, argc, argv, kw, &x, &t, &red)) return VAL_ERR; \
        Tensor *r = fn(I, x, t, red); \
        return r ? tensor_value(r) : VAL_ERR; \
    }
FLOSS(f_mse_loss, "mse_loss", nn_mse_loss)
FLOSS(f_l1_loss, "l1_loss", nn_l1_loss)
FLOSS(f_bce, "binary_cross_entropy", nn_bce_loss)
FLOSS(f_cross_entropy, "cross_entropy", nn_cross_entropy)
FLOSS(f_nll_loss, "nll_loss", nn_nll_loss)
FLOSS(f_bce_logits, "binary_cross_entropy_with_logits", nn_bce_logits_loss)

static Value f_leaky_relu(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "negative_slope", "inplace"};
    Value a[3];
    if (!nat_args(I, "leaky_relu", argc, argv, kw, 3, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, "leaky_relu", "input", 1, a[0])) return VAL_ERR;
    double s = 0.01;
    if (!IS_UNDEF(a[1])) {
        if (!IS_NUM(a[1])) return err_raise(I, EXC_TypeError, "leaky_relu(): argument 'negative_slope' must be Number, not %s", val_type_name(a[1]));
        s = IS_FLOAT(a[1]) ? a[1].as.f : IS_INT(a[1]) ? (double)a[1].as.i : a[1].as.b;
    }
    Tensor *r = nn_leaky_relu(I, AS_TENSOR(a[0]), s);
    return r ? tensor_value(r) : VAL_ERR;
}
static Value f_act(Interp *I, const char *fname, OpKind op, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const sp[] = {"input", "beta", "threshold"}, *const el[] = {"input", "alpha", "inplace"},
                             *const ge[] = {"input", "approximate"}, *const si[] = {"input", "inplace"};
    const char *const *names = op == OP_SOFTPLUS ? sp : op == OP_ELU ? el : op == OP_GELU ? ge : si;
    int np = op == OP_SOFTPLUS || op == OP_ELU ? 3 : 2;
    Value a[3] = {VAL_UNDEF, VAL_UNDEF, VAL_UNDEF};
    if (!nat_args(I, fname, argc, argv, kw, np, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, fname, "input", 1, a[0])) return VAL_ERR;
    double p = 0, q = 0;
    bool isint;
    if (op == OP_SOFTPLUS && (!num_param(I, fname, "beta", a[1], 1, true, &p, &isint) || !num_param(I, fname, "threshold", a[2], 20, true, &q, &isint))) return VAL_ERR;
    if (op == OP_ELU && !num_param(I, fname, "alpha", a[1], 1.0, false, &p, &isint)) return VAL_ERR;
    if (op == OP_GELU && !gelu_approx(I, a[1])) return VAL_ERR;
    Tensor *r = nn_activation(I, op, AS_TENSOR(a[0]), p, q);
    return r ? tensor_value(r) : VAL_ERR;
}
static Value f_softplus(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_act(I, "softplus", OP_SOFTPLUS, argc, argv, kw); }
static Value f_gelu(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_act(I, "gelu", OP_GELU, argc, argv, kw); }
static Value f_elu(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_act(I, "elu", OP_ELU, argc, argv, kw); }
static Value f_silu(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_act(I, "silu", OP_SILU, argc, argv, kw); }

static Value f_dropout(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "p", "training", "inplace"};
    Value a[4];
    if (!nat_args(I, "dropout", argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, "dropout", "input", 1, a[0])) return VAL_ERR;
    double p = 0.5;
    if (!IS_UNDEF(a[1])) {
        if (!IS_NUM(a[1])) return err_raise(I, EXC_TypeError, "dropout(): argument 'p' must be Number, not %s", val_type_name(a[1]));
        p = IS_FLOAT(a[1]) ? a[1].as.f : IS_INT(a[1]) ? (double)a[1].as.i : a[1].as.b;
    }
    if (p < 0 || p > 1) return err_raise(I, EXC_ValueError, "dropout probability has to be between 0 and 1, but got %g", p);
    bool train;
    if (!opt_bool(I, a[2], true, &train)) return VAL_ERR;
    Tensor *r = nn_dropout(I, AS_TENSOR(a[0]), p, train);
    return r ? tensor_value(r) : VAL_ERR;
}
/* one_hot(tensor, num_classes=-1): int64 indices to int64 rows of zeros with a 1 */
static Value f_one_hot(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"tensor", "num_classes"};
    Value a[2];
    if (!nat_args(I, "one_hot", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, "one_hot", "tensor", 1, a[0])) return VAL_ERR;
    Tensor *t = AS_TENSOR(a[0]);
    if (t->dtype != DT_INT64) return err_raise(I, EXC_RuntimeError, "one_hot is only applicable to index tensor.");
    int64_t C = -1;
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &C)) return VAL_ERR;
    int64_t mx = -1;
    for (int64_t i = 0; i < t->numel; i++) {
        int64_t v = tensor_get_i64(t, i);
        if (v < 0) return err_raise(I, EXC_RuntimeError, "Class values must be non-negative.");
        if (v > mx) mx = v;
    }
    if (C == -1) {
        if (t->numel == 0) return err_raise(I, EXC_RuntimeError, "Can not infer total number of classes from empty tensor.");
        C = mx + 1;
    } else if (mx >= C) return err_raise(I, EXC_RuntimeError, "Class values must be smaller than num_classes.");
    if (t->ndim >= TENSOR_MAX_DIMS) return err_raise(I, EXC_RuntimeError, "tensors have at most %d dimensions", TENSOR_MAX_DIMS);
    int64_t sh[TENSOR_MAX_DIMS], cnt;
    memcpy(sh, t->shape, sizeof(int64_t) * (size_t)t->ndim);
    sh[t->ndim] = C;
    if (!tensor_check_size(I, t->ndim + 1, sh, &cnt)) return VAL_ERR;
    Tensor *o = tensor_new(I, DT_INT64, FLAVOR_TORCH, t->ndim + 1, sh);
    if (!o) return VAL_ERR;
    for (int64_t i = 0; i < t->numel; i++) ((int64_t *)o->storage->data)[i * C + tensor_get_i64(t, i)] = 1;
    return tensor_value(o);
}

static Value f_unary(Interp *I, const char *fname, OpKind op, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "inplace"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, fname, "input", 1, a[0])) return VAL_ERR;
    Tensor *r = tensor_unary(I, op, AS_TENSOR(a[0]), 0, 0);
    return r ? tensor_value(r) : VAL_ERR;
}
static Value f_relu(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_unary(I, "relu", OP_RELU, argc, argv, kw); }
static Value f_sigmoid(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_unary(I, "sigmoid", OP_SIGMOID, argc, argv, kw); }
static Value f_tanh(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_unary(I, "tanh", OP_TANH, argc, argv, kw); }

static Value f_softmax_common(Interp *I, const char *fname, bool log_, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "dim", "_stacklevel", "dtype"};
    Value a[4];
    if (!nat_args(I, fname, argc, argv, kw, 4, names, 1, a)) return VAL_ERR;
    if (!want_tensor(I, fname, "input", 1, a[0])) return VAL_ERR;
    int64_t d = -100;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1]) && !val_as_index(I, a[1], &d)) return VAL_ERR;
    Tensor *r = softmax_call(I, AS_TENSOR(a[0]), (int)d, log_);
    return r ? tensor_value(r) : VAL_ERR;
}
static Value f_softmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_softmax_common(I, "softmax", false, argc, argv, kw); }
static Value f_log_softmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return f_softmax_common(I, "log_softmax", true, argc, argv, kw); }

static Value f_linear(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"input", "weight", "bias"};
    Value a[3];
    if (!nat_args(I, "linear", argc, argv, kw, 3, names, 2, a)) return VAL_ERR;
    if (!want_tensor(I, "linear", "input", 1, a[0]) || !want_tensor(I, "linear", "weight", 2, a[1])) return VAL_ERR;
    Tensor *b = NULL;
    if (!IS_UNDEF(a[2]) && !IS_NONE(a[2])) {
        if (!want_tensor(I, "linear", "bias", 3, a[2])) return VAL_ERR;
        b = AS_TENSOR(a[2]);
    }
    Tensor *r = nn_linear_op(I, AS_TENSOR(a[0]), AS_TENSOR(a[1]), b);
    return r ? tensor_value(r) : VAL_ERR;
}

/* ---- optimizers ---------------------------------------------------------------------------- */
typedef enum { OK_SGD, OK_ADAM, OK_ADAMW, OK_RMSPROP, OK_ADAGRAD } OptKind;
static const char *const ok_name[] = {"SGD", "Adam", "AdamW", "RMSprop", "Adagrad"};

typedef struct OptState {
    Tensor *param;            /* owned: the key */
    Tensor *buf1, *buf2, *buf3; /* SGD: momentum_buffer; Adam(W): exp_avg, exp_avg_sq, max_exp_avg_sq;
                                 * RMSprop: square_avg, momentum_buffer, grad_avg; Adagrad: sum */
    double step;
} OptState;

typedef struct NnOptim {
    Obj h;
    OptKind kind;
    Dict *group;              /* param_groups[0]: 'params' and the hyperparameters (read at each step) */
    OptState *st;
    int64_t nst, capst;
} NnOptim;

extern const ObjClass nn_optim_class;
#define AS_OPTIM(v) ((NnOptim *)AS_OBJ(v))

static void optim_free(Obj *o) {
    NnOptim *op = (NnOptim *)o;
    if (op->group) obj_decref(&op->group->h);
    for (int64_t i = 0; i < op->nst; i++) {
        TDEC(op->st[i].param); TDEC(op->st[i].buf1); TDEC(op->st[i].buf2); TDEC(op->st[i].buf3);
    }
    if (op->st) mem_free(op->st, sizeof(OptState) * (size_t)op->capst);
    obj_dealloc(o, sizeof(NnOptim));
}

static Value group_get(NnOptim *op, const char *key) {
    for (int64_t i = 0; i < op->group->nentries; i++) {
        DictEntry *e = &op->group->entries[i];
        if (IS_A(e->key, str_class) && !strcmp(str_cstr((Str *)AS_OBJ(e->key)), key)) return e->val;
    }
    return VAL_UNDEF;
}

static bool group_set(Interp *I, Dict *d, const char *key, Value v) {
    Value k = val_str(I, key, strlen(key));
    if (IS_ERR(k)) return false;
    bool ok = dict_set(I, d, k, v);
    val_decref(k);
    return ok;
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static bool optim_repr(Interp *I, StrBuf *sb, Value self) {
    NnOptim *op = AS_OPTIM(self);
    sb_printf(sb, "%s (\nParameter Group 0\n", ok_name[op->kind]);
    const char *keys[32];
    Value vals[32];
    int nk = 0;
    for (int64_t i = 0; i < op->group->nentries && nk < 32; i++) {
        DictEntry *e = &op->group->entries[i];
        if (!IS_A(e->key, str_class) || !strcmp(str_cstr((Str *)AS_OBJ(e->key)), "params")) continue;
        keys[nk++] = str_cstr((Str *)AS_OBJ(e->key));
    }
    qsort(keys, (size_t)nk, sizeof keys[0], cmp_cstr);
    for (int i = 0; i < nk; i++) {
        vals[i] = group_get(op, keys[i]);
        sb_printf(sb, "    %s: ", keys[i]);
        if (!val_str_into(I, sb, vals[i])) return false;
        sb_putc(sb, '\n');
    }
    sb_putc(sb, ')');
    return true;
}

static const char *optim_type_name(Value self) { return ok_name[AS_OPTIM(self)->kind]; }

static OptState *state_for(Interp *I, NnOptim *op, Tensor *p) {
    for (int64_t i = 0; i < op->nst; i++) if (op->st[i].param == p) return &op->st[i];
    if (op->nst == op->capst) {
        int64_t nc = op->capst ? op->capst * 2 : 8;
        OptState *ns = mem_realloc(op->st, sizeof(OptState) * (size_t)op->capst, sizeof(OptState) * (size_t)nc);
        if (!ns) { err_nomem(I); return NULL; }
        op->st = ns;
        op->capst = nc;
    }
    OptState *s = &op->st[op->nst++];
    memset(s, 0, sizeof *s);
    s->param = tref(p);
    return s;
}

static bool hp(Interp *I, NnOptim *op, const char *key, double *out) {
    Value v = group_get(op, key);
    if (IS_UNDEF(v)) { *out = 0; return true; }
    char what[64];
    snprintf(what, sizeof what, "param_groups[0]['%s']", key);
    return as_double(I, what, v, out);
}

static bool hpb(Interp *I, NnOptim *op, const char *key, bool *out) {
    Value v = group_get(op, key);
    if (IS_UNDEF(v)) { *out = false; return true; }
    int b = val_truth(I, v);
    if (b < 0) return false;
    *out = b;
    return true;
}

static Tensor *zeros_like_param(Interp *I, Tensor *p) { return tensor_new(I, p->dtype, FLAVOR_TORCH, p->ndim, p->shape); }

#define RD(T, t, i) ((T)tensor_get((t), (i)))
#define WR(t, i, v) tensor_set((t), (i), (double)(v))

#define DEF_SGD(T, SUF, FMA)                                                                            \
static void sgd_##SUF(Tensor *p, Tensor *g, Tensor *buf, bool fresh, double lr, double mom, double damp, \
                      double wd, bool nesterov, bool maximize) {                                        \
    for (int64_t i = 0; i < p->numel; i++) {                                                            \
        T pv = RD(T, p, i), d = RD(T, g, i);                                                                  \
        if (maximize) d = -d;                                                                           \
        if (wd != 0) d = FMA(pv, (T)wd, d);                                                             \
        if (mom != 0) {                                                                                 \
            T b = fresh ? d : FMA(d, (T)(1 - damp), RD(T, buf, i) * (T)mom);                               \
            WR(buf, i, b);                                                                              \
            d = nesterov ? FMA(b, (T)mom, d) : b;                                                       \
        }                                                                                               \
        WR(p, i, FMA(d, (T)(-lr), pv));                                                                 \
    }                                                                                                   \
}
DEF_SGD(float, f, fmaf)
DEF_SGD(double, d, fma)

#define DEF_ADAM(T, SUF, FMA, SQRT, MAX)                                                                 \
static void adam_##SUF(Tensor *p, Tensor *g, Tensor *m, Tensor *v, Tensor *vmax, double lr, double b1,  \
                       double b2, double eps, double wd, double step, bool maximize, bool decoupled) {  \
    double bc1 = 1 - pow(b1, step), bc2 = 1 - pow(b2, step);                                            \
    double step_size = lr / bc1, bc2s = sqrt(bc2);                                                      \
    for (int64_t i = 0; i < p->numel; i++) {                                                            \
        T pv = RD(T, p, i), gv = RD(T, g, i);                                                                 \
        if (maximize) gv = -gv;                                                                         \
        if (decoupled) pv = pv * (T)(1 - lr * wd); /* AdamW: param.mul_(1 - lr * weight_decay) */      \
        else if (wd != 0) gv = FMA(pv, (T)wd, gv);                                                      \
        T mv = FMA(gv, (T)(1 - b1), RD(T, m, i) * (T)b1);                                                  \
        T vv = FMA((T)(1 - b2) * gv, gv, RD(T, v, i) * (T)b2);                                             \
        WR(m, i, mv);                                                                                   \
        WR(v, i, vv);                                                                                   \
        T s = vv;                                                                                       \
        if (vmax) { s = MAX(RD(T, vmax, i), vv); WR(vmax, i, s); }                                         \
        T denom = SQRT(s) / (T)bc2s;                                                                    \
        denom = denom + (T)eps;                                                                         \
        WR(p, i, pv + ((T)(-step_size) * mv) / denom);                                                  \
    }                                                                                                   \
}
DEF_ADAM(float, f, fmaf, sqrtf, fmaxf)
DEF_ADAM(double, d, fma, sqrt, fmax)

/* torch 1.13's _single_tensor_rmsprop: square_avg.mul_(alpha).addcmul_(g, g, value=1-alpha) (the
 * vector kernel's a + v*b*c contracts to a fused multiply-add, as in Adam), avg = sqrt (centered:
 * of square_avg - grad_avg**2) + eps, then param.addcdiv_(g, avg, value=-lr), or through the
 * momentum buffer buf.mul_(momentum).addcdiv_(g, avg) and param.add_(buf, alpha=-lr). */
#define DEF_RMSPROP(T, SUF, FMA, SQRT)                                                                   \
static void rmsprop_##SUF(Tensor *p, Tensor *g, Tensor *sq, Tensor *buf, Tensor *ga, double lr,         \
                          double alpha, double eps, double wd, double mom, bool maximize) {             \
    for (int64_t i = 0; i < p->numel; i++) {                                                            \
        T pv = RD(T, p, i), gv = RD(T, g, i);                                                           \
        if (maximize) gv = -gv;                                                                         \
        if (wd != 0) gv = FMA(pv, (T)wd, gv);                                                           \
        T s = FMA((T)(1 - alpha) * gv, gv, RD(T, sq, i) * (T)alpha);                                    \
        WR(sq, i, s);                                                                                   \
        T avg;                                                                                          \
        if (ga) {                                                                                       \
            T a = FMA(gv, (T)(1 - alpha), RD(T, ga, i) * (T)alpha);                                     \
            WR(ga, i, a);                                                                               \
            avg = SQRT(FMA((T)-1 * a, a, s));                                                           \
        } else avg = SQRT(s);                                                                           \
        avg = avg + (T)eps;                                                                             \
        if (mom > 0) {                                                                                  \
            T b = RD(T, buf, i) * (T)mom + gv / avg;                                                    \
            WR(buf, i, b);                                                                              \
            WR(p, i, FMA(b, (T)(-lr), pv));                                                             \
        } else WR(p, i, pv + ((T)(-lr) * gv) / avg);                                                    \
    }                                                                                                   \
}
DEF_RMSPROP(float, f, fmaf, sqrtf)
DEF_RMSPROP(double, d, fma, sqrt)

/* torch 1.13's _single_tensor_adagrad: clr = lr / (1 + (step - 1) * lr_decay) in double,
 * state_sum.addcmul_(g, g), std = sqrt(state_sum) + eps, param.addcdiv_(g, std, value=-clr) */
#define DEF_ADAGRAD(T, SUF, FMA, SQRT)                                                                   \
static void adagrad_##SUF(Tensor *p, Tensor *g, Tensor *sum, double clr, double eps, double wd,         \
                          bool maximize) {                                                              \
    for (int64_t i = 0; i < p->numel; i++) {                                                            \
        T pv = RD(T, p, i), gv = RD(T, g, i);                                                           \
        if (maximize) gv = -gv;                                                                         \
        if (wd != 0) gv = FMA(pv, (T)wd, gv);                                                           \
        T s = FMA(gv, gv, RD(T, sum, i));                                                               \
        WR(sum, i, s);                                                                                  \
        WR(p, i, pv + ((T)(-clr) * gv) / (SQRT(s) + (T)eps));                                           \
    }                                                                                                   \
}
DEF_ADAGRAD(float, f, fmaf, sqrtf)
DEF_ADAGRAD(double, d, fma, sqrt)

static List *group_params(Interp *I, NnOptim *op) {
    Value v = group_get(op, "params");
    if (!IS_A(v, list_class)) { err_raise(I, EXC_TypeError, "param_groups[0]['params'] must be a list of tensors"); return NULL; }
    return (List *)AS_OBJ(v);
}

static Value opt_step(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "closure"};
    Value a[2];
    if (!nat_args(I, "step", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    NnOptim *op = AS_OPTIM(a[0]);
    Value loss = VAL_NONE;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) {
        loss = val_call(I, a[1], 0, NULL, NULL);
        if (IS_ERR(loss)) return loss;
    }
    List *ps = group_params(I, op);
    if (!ps) { val_decref(loss); return VAL_ERR; }
    double lr, wd;
    bool maximize;
    if (!hp(I, op, "lr", &lr) || !hp(I, op, "weight_decay", &wd) || !hpb(I, op, "maximize", &maximize)) { val_decref(loss); return VAL_ERR; }
    double mom = 0, damp = 0, b1 = 0, b2 = 0, eps = 0, alpha = 0, lr_decay = 0, init_acc = 0;
    bool nesterov = false, amsgrad = false, centered = false;
    if (op->kind == OK_SGD) {
        if (!hp(I, op, "momentum", &mom) || !hp(I, op, "dampening", &damp) || !hpb(I, op, "nesterov", &nesterov)) { val_decref(loss); return VAL_ERR; }
    } else if (op->kind == OK_RMSPROP) {
        if (!hp(I, op, "momentum", &mom) || !hp(I, op, "alpha", &alpha) || !hp(I, op, "eps", &eps) || !hpb(I, op, "centered", &centered)) { val_decref(loss); return VAL_ERR; }
    } else if (op->kind == OK_ADAGRAD) {
        if (!hp(I, op, "lr_decay", &lr_decay) || !hp(I, op, "eps", &eps) || !hp(I, op, "initial_accumulator_value", &init_acc)) { val_decref(loss); return VAL_ERR; }
    } else {
        Value betas = group_get(op, "betas");
        if (!IS_A(betas, tuple_class) || ((Tuple *)AS_OBJ(betas))->len != 2 ||
            !as_double(I, "beta1", ((Tuple *)AS_OBJ(betas))->items[0], &b1) || !as_double(I, "beta2", ((Tuple *)AS_OBJ(betas))->items[1], &b2) ||
            !hp(I, op, "eps", &eps) || !hpb(I, op, "amsgrad", &amsgrad)) {
            if (!err_pending(I)) err_raise(I, EXC_TypeError, "param_groups[0]['betas'] must be a pair of floats");
            val_decref(loss);
            return VAL_ERR;
        }
    }
    for (int64_t i = 0; i < ps->len; i++) {
        if (!IS_TENSOR(ps->items[i])) continue;
        Tensor *p = AS_TENSOR(ps->items[i]);
        if (!p->grad) continue;
        Tensor *g = p->grad;
        if (g->numel != p->numel) { val_decref(loss); return err_raise(I, EXC_RuntimeError, "the gradient of a parameter has %lld elements, the parameter %lld", (long long)g->numel, (long long)p->numel); }
        OptState *s = state_for(I, op, p);
        if (!s) { val_decref(loss); return VAL_ERR; }
        bool f32 = p->dtype == DT_FLOAT32;
        if (op->kind == OK_SGD) {
            bool fresh = false;
            if (mom != 0 && !s->buf1) {
                s->buf1 = zeros_like_param(I, p);
                if (!s->buf1) { val_decref(loss); return VAL_ERR; }
                fresh = true;
            }
            if (f32) sgd_f(p, g, s->buf1, fresh, lr, mom, damp, wd, nesterov, maximize);
            else sgd_d(p, g, s->buf1, fresh, lr, mom, damp, wd, nesterov, maximize);
        } else if (op->kind == OK_RMSPROP) {
            if (!s->buf1) { /* the state is made at the first step, with the momentum and centered of that step */
                s->buf1 = zeros_like_param(I, p);
                if (s->buf1 && mom > 0) s->buf2 = zeros_like_param(I, p);
                if (s->buf1 && centered) s->buf3 = zeros_like_param(I, p);
                if (!s->buf1 || (mom > 0 && !s->buf2) || (centered && !s->buf3)) { val_decref(loss); return VAL_ERR; }
            }
            if ((mom > 0 && !s->buf2) || (centered && !s->buf3)) { val_decref(loss); return err_raise(I, EXC_KeyError, mom > 0 && !s->buf2 ? "'momentum_buffer'" : "'grad_avg'"); }
            if (f32) rmsprop_f(p, g, s->buf1, s->buf2, centered ? s->buf3 : NULL, lr, alpha, eps, wd, mom, maximize);
            else rmsprop_d(p, g, s->buf1, s->buf2, centered ? s->buf3 : NULL, lr, alpha, eps, wd, mom, maximize);
        } else if (op->kind == OK_ADAGRAD) {
            if (!s->buf1) { /* made at construction in torch; here at the first step, filled the same */
                s->buf1 = zeros_like_param(I, p);
                if (!s->buf1) { val_decref(loss); return VAL_ERR; }
                for (int64_t k = 0; k < p->numel; k++) tensor_set(s->buf1, k, init_acc);
            }
            s->step += 1;
            double clr = lr / (1 + (s->step - 1) * lr_decay);
            if (f32) adagrad_f(p, g, s->buf1, clr, eps, wd, maximize);
            else adagrad_d(p, g, s->buf1, clr, eps, wd, maximize);
        } else {
            if (!s->buf1) {
                s->buf1 = zeros_like_param(I, p);
                s->buf2 = s->buf1 ? zeros_like_param(I, p) : NULL;
                if (s->buf2 && amsgrad) s->buf3 = zeros_like_param(I, p);
                if (!s->buf2 || (amsgrad && !s->buf3)) { val_decref(loss); return VAL_ERR; }
            }
            s->step += 1;
            bool decoupled = op->kind == OK_ADAMW;
            if (f32) adam_f(p, g, s->buf1, s->buf2, amsgrad ? s->buf3 : NULL, lr, b1, b2, eps, wd, s->step, maximize, decoupled);
            else adam_d(p, g, s->buf1, s->buf2, amsgrad ? s->buf3 : NULL, lr, b1, b2, eps, wd, s->step, maximize, decoupled);
        }
        bump_version(p);
    }
    return loss;
}

static Value opt_zero_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "set_to_none"};
    Value a[2];
    if (!nat_args(I, "zero_grad", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    bool none;
    if (!opt_bool(I, a[1], false, &none)) return VAL_ERR;
    List *ps = group_params(I, AS_OPTIM(a[0]));
    if (!ps) return VAL_ERR;
    for (int64_t i = 0; i < ps->len; i++)
        if (IS_TENSOR(ps->items[i])) zero_grad_of(AS_TENSOR(ps->items[i]), none);
    return VAL_NONE;
}

static const MethodDef optim_methods[] = {
    {"step", opt_step, "step(closure=None)", "Update every parameter that has a .grad, in place (torch's arithmetic)."},
    {"zero_grad", opt_zero_grad, "zero_grad(set_to_none=False)", "Zero the .grad of every parameter (in place; None with set_to_none=True)."},
    {NULL, NULL, NULL, NULL},
};

static Value optim_getattr(Interp *I, Value self, Str *name) {
    NnOptim *op = AS_OPTIM(self);
    if (!strcmp(name->data, "param_groups")) {
        List *l = list_new(I, 1);
        if (!l) return VAL_ERR;
        if (!list_append(I, l, val_obj(op->group))) { obj_decref(&l->h); return VAL_ERR; }
        return val_obj(l);
    }
    return VAL_UNDEF;
}

const ObjClass nn_optim_class = {
    .name = "Optimizer",
    .free = optim_free,
    .repr = optim_repr,
    .getattr = optim_getattr,
    .methods = optim_methods,
    .type_name = optim_type_name,
};

/* the params argument: an iterable of tensors (model.parameters(), [w, b]) */
static List *param_list(Interp *I, Value v) {
    if (IS_TENSOR(v)) {
        err_raise(I, EXC_TypeError, "params argument given to the optimizer should be an iterable of Tensors or dicts, but got torch.FloatTensor");
        return NULL;
    }
    List *l = list_from_iter(I, v);
    if (!l) return NULL;
    if (l->len == 0) { obj_decref(&l->h); err_raise(I, EXC_ValueError, "optimizer got an empty parameter list"); return NULL; }
    for (int64_t i = 0; i < l->len; i++) {
        Value it = l->items[i];
        if (!IS_TENSOR(it)) {
            obj_decref(&l->h);
            err_raise(I, EXC_TypeError, "optimizer can only optimize Tensors, but one of the params is %s", val_type_name(it));
            return NULL;
        }
        if (AS_TENSOR(it)->grad_fn) {
            obj_decref(&l->h);
            err_raise(I, EXC_ValueError, "can't optimize a non-leaf Tensor");
            err_hint(I, "pass the leaves (the tensors created with requires_grad=True, or model.parameters()), not results computed from them");
            return NULL;
        }
    }
    return l;
}

static Value optim_new(Interp *I, OptKind kind, List *params, const char *const *keys, const Value *vals, int n) {
    NnOptim *op = obj_new(I, &nn_optim_class, sizeof(NnOptim));
    if (!op) { obj_decref(&params->h); return VAL_ERR; }
    op->kind = kind;
    op->st = NULL;
    op->nst = op->capst = 0;
    op->group = dict_new(I);
    if (!op->group || !group_set(I, op->group, "params", val_obj(params))) { obj_decref(&params->h); obj_decref(&op->h); return VAL_ERR; }
    obj_decref(&params->h);
    for (int i = 0; i < n; i++)
        if (!group_set(I, op->group, keys[i], vals[i])) { obj_decref(&op->h); return VAL_ERR; }
    return val_obj(op);
}

static bool check_nonneg(Interp *I, const char *what, Value v) {
    double d;
    if (!as_double(I, what, v, &d)) return false;
    if (d < 0) {
        StrBuf sb;
        sb_init(&sb);
        val_repr(I, &sb, v);
        err_raise(I, EXC_ValueError, "Invalid %s: %s", what, sb.data ? sb.data : "");
        sb_free(&sb);
        return false;
    }
    return true;
}

static Value nn_SGD(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable"};
    Value a[9];
    if (!nat_args(I, "SGD", argc, argv, kw, 9, names, 1, a)) return VAL_ERR;
    if (IS_UNDEF(a[1])) return err_raise(I, EXC_TypeError, "SGD() missing required argument: 'lr'");
    Value mom = IS_UNDEF(a[2]) ? val_int(0) : a[2], damp = IS_UNDEF(a[3]) ? val_int(0) : a[3], wd = IS_UNDEF(a[4]) ? val_int(0) : a[4];
    if (!check_nonneg(I, "learning rate", a[1]) || !check_nonneg(I, "momentum value", mom) || !check_nonneg(I, "weight_decay value", wd)) return VAL_ERR;
    bool nest, maxi;
    if (!opt_bool(I, a[5], false, &nest) || !opt_bool(I, a[6], false, &maxi)) return VAL_ERR;
    double mv, dv;
    if (!as_double(I, "dampening", damp, &dv) || !as_double(I, "momentum", mom, &mv)) return VAL_ERR;
    if (nest && (mv <= 0 || dv != 0)) return err_raise(I, EXC_ValueError, "Nesterov momentum requires a momentum and zero dampening");
    List *ps = param_list(I, a[0]);
    if (!ps) return VAL_ERR;
    const char *keys[] = {"lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable"};
    Value vals[] = {a[1], mom, damp, wd, val_bool(nest), val_bool(maxi), IS_UNDEF(a[7]) ? VAL_NONE : a[7], val_bool(false)};
    return optim_new(I, OK_SGD, ps, keys, vals, 8);
}

/* Adam and AdamW share their arguments; AdamW's weight decay (default 0.01) shrinks the parameter
 * instead of adding to the gradient, and its param group has no differentiable/fused keys. */
static Value adam_new(Interp *I, OptKind kind, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"params", "lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable", "differentiable", "fused"};
    Value a[11];
    bool w = kind == OK_ADAMW;
    if (!nat_args(I, ok_name[kind], argc, argv, kw, w ? 9 : 11, names, 1, a)) return VAL_ERR;
    Value lr = IS_UNDEF(a[1]) ? val_float(0.001) : a[1], eps = IS_UNDEF(a[3]) ? val_float(1e-8) : a[3];
    Value wd = IS_UNDEF(a[4]) ? (w ? val_float(0.01) : val_int(0)) : a[4];
    if (!check_nonneg(I, "learning rate", lr) || !check_nonneg(I, "epsilon value", eps) || !check_nonneg(I, "weight_decay value", wd)) return VAL_ERR;
    Value betas = a[2];
    Tuple *bt = NULL;
    if (IS_UNDEF(betas)) {
        bt = tuple_new(I, 2);
        if (!bt) return VAL_ERR;
        bt->items[0] = val_float(0.9);
        bt->items[1] = val_float(0.999);
    } else {
        bt = tuple_from_iter(I, betas);
        if (!bt) return VAL_ERR;
        double b;
        if (bt->len != 2) { obj_decref(&bt->h); return err_raise(I, EXC_ValueError, "betas must be a pair (beta1, beta2)"); }
        for (int k = 0; k < 2; k++) {
            if (!as_double(I, "beta", bt->items[k], &b)) { obj_decref(&bt->h); return VAL_ERR; }
            if (b < 0 || b >= 1) {
                obj_decref(&bt->h);
                return err_raise(I, EXC_ValueError, "Invalid beta parameter at index %d: %s", k, IS_FLOAT(bt->items[k]) ? "out of [0, 1)" : "out of [0, 1)");
            }
        }
    }
    bool ams, maxi;
    if (!opt_bool(I, a[5], false, &ams) || !opt_bool(I, a[7], false, &maxi)) { obj_decref(&bt->h); return VAL_ERR; }
    List *ps = param_list(I, a[0]);
    if (!ps) { obj_decref(&bt->h); return VAL_ERR; }
    const char *keys[] = {"lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"};
    Value vals[] = {lr, val_obj(bt), eps, wd, val_bool(ams), val_bool(maxi), IS_UNDEF(a[6]) ? VAL_NONE : a[6], val_bool(false), val_bool(false), val_bool(false)};
    if (w) { /* AdamW's key order: ... amsgrad, foreach, maximize, capturable */
        keys[5] = "foreach"; vals[5] = vals[6];
        keys[6] = "maximize"; vals[6] = val_bool(maxi);
    }
    Value r = optim_new(I, kind, ps, keys, vals, w ? 8 : 10);
    obj_decref(&bt->h);
    return r;
}
static Value nn_Adam(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return adam_new(I, OK_ADAM, argc, argv, kw); }
static Value nn_AdamW(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return adam_new(I, OK_ADAMW, argc, argv, kw); }

static Value nn_RMSprop(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"params", "lr", "alpha", "eps", "weight_decay", "momentum", "centered", "foreach", "maximize", "differentiable"};
    Value a[10];
    if (!nat_args(I, "RMSprop", argc, argv, kw, 10, names, 1, a)) return VAL_ERR;
    Value lr = IS_UNDEF(a[1]) ? val_float(0.01) : a[1], alpha = IS_UNDEF(a[2]) ? val_float(0.99) : a[2];
    Value eps = IS_UNDEF(a[3]) ? val_float(1e-8) : a[3], wd = IS_UNDEF(a[4]) ? val_int(0) : a[4], mom = IS_UNDEF(a[5]) ? val_int(0) : a[5];
    if (!check_nonneg(I, "learning rate", lr) || !check_nonneg(I, "epsilon value", eps) || !check_nonneg(I, "momentum value", mom) ||
        !check_nonneg(I, "weight_decay value", wd) || !check_nonneg(I, "alpha value", alpha)) return VAL_ERR;
    bool centered, maxi;
    if (!opt_bool(I, a[6], false, &centered) || !opt_bool(I, a[8], false, &maxi)) return VAL_ERR;
    List *ps = param_list(I, a[0]);
    if (!ps) return VAL_ERR;
    const char *keys[] = {"lr", "momentum", "alpha", "eps", "centered", "weight_decay", "foreach", "maximize", "differentiable"};
    Value vals[] = {lr, mom, alpha, eps, val_bool(centered), wd, IS_UNDEF(a[7]) ? VAL_NONE : a[7], val_bool(maxi), val_bool(false)};
    return optim_new(I, OK_RMSPROP, ps, keys, vals, 9);
}

static Value nn_Adagrad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"params", "lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "foreach", "maximize"};
    Value a[8];
    if (!nat_args(I, "Adagrad", argc, argv, kw, 8, names, 1, a)) return VAL_ERR;
    Value lr = IS_UNDEF(a[1]) ? val_float(0.01) : a[1], lrd = IS_UNDEF(a[2]) ? val_int(0) : a[2], wd = IS_UNDEF(a[3]) ? val_int(0) : a[3];
    Value iav = IS_UNDEF(a[4]) ? val_int(0) : a[4], eps = IS_UNDEF(a[5]) ? val_float(1e-10) : a[5];
    if (!check_nonneg(I, "learning rate", lr) || !check_nonneg(I, "lr_decay value", lrd) || !check_nonneg(I, "weight_decay value", wd) ||
        !check_nonneg(I, "initial_accumulator_value value", iav) || !check_nonneg(I, "epsilon value", eps)) return VAL_ERR;
    bool maxi;
    if (!opt_bool(I, a[7], false, &maxi)) return VAL_ERR;
    List *ps = param_list(I, a[0]);
    if (!ps) return VAL_ERR;
    const char *keys[] = {"lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value", "foreach", "maximize"};
    Value vals[] = {lr, lrd, eps, wd, iav, IS_UNDEF(a[6]) ? VAL_NONE : a[6], val_bool(maxi)};
    return optim_new(I, OK_ADAGRAD, ps, keys, vals, 7);
}

/* ---- learning-rate schedulers (torch.optim.lr_scheduler) -------------------------------------- */
/* torch 1.13's chainable forms: each step multiplies param_groups[0]['lr'] by gamma at a boundary
 * (StepLR: last_epoch % step_size == 0; ExponentialLR: every step; MultiStepLR: gamma ** (how
 * often last_epoch is a milestone)), with Python float arithmetic on the group's own value, so
 * the rounding (0.1 * 0.1 = 0.010000000000000002) is torch's. */
typedef enum { SK_STEP, SK_EXP, SK_MULTISTEP } SchedKind;
static const char *const sk_name[] = {"StepLR", "ExponentialLR", "MultiStepLR"};

typedef struct NnSched {
    Obj h;
    SchedKind kind;
    Value optimizer;          /* owned */
    Value gamma;              /* owned: a Python number */
    int64_t step_size;        /* StepLR */
    List *milestones;         /* MultiStepLR: the milestones as given (ints, repeats count twice) */
    Value base_lr;            /* owned: initial_lr */
    Value last_lr;            /* owned: the lr after the last step */
    int64_t last_epoch;
} NnSched;

extern const ObjClass nn_sched_class;
#define AS_SCHED(v) ((NnSched *)AS_OBJ(v))

static void sched_free(Obj *o) {
    NnSched *s = (NnSched *)o;
    val_decref(s->optimizer);
    val_decref(s->gamma);
    val_decref(s->base_lr);
    val_decref(s->last_lr);
    if (s->milestones) obj_decref(&s->milestones->h);
    obj_dealloc(o, sizeof(NnSched));
}

/* one scheduler step: last_epoch += 1, then the group's lr for that epoch */
static bool sched_advance(Interp *I, NnSched *s) {
    NnOptim *op = AS_OPTIM(s->optimizer);
    Value lr = group_get(op, "lr");
    if (IS_UNDEF(lr)) { err_raise(I, EXC_KeyError, "'lr'"); return false; }
    s->last_epoch++;
    Value factor = VAL_UNDEF;
    if (s->kind == SK_STEP) {
        if (s->last_epoch != 0 && s->last_epoch % s->step_size == 0) factor = val_incref(s->gamma);
    } else if (s->kind == SK_EXP) {
        if (s->last_epoch != 0) factor = val_incref(s->gamma);
    } else {
        int64_t count = 0;
        for (int64_t i = 0; i < s->milestones->len; i++) {
            int64_t m;
            if (val_as_index(I, s->milestones->items[i], &m) && m == s->last_epoch) count++;
            if (err_pending(I)) return false;
        }
        if (count) factor = val_binop(I, BIN_POW, s->gamma, val_int(count));
    }
    if (IS_ERR(factor)) return false;
    Value nlr = IS_UNDEF(factor) ? val_incref(lr) : val_binop(I, BIN_MUL, lr, factor);
    if (!IS_UNDEF(factor)) val_decref(factor);
    if (IS_ERR(nlr)) return false;
    bool ok = group_set(I, op->group, "lr", nlr);
    val_decref(s->last_lr);
    s->last_lr = nlr;
    return ok;
}

static Value sched_step(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self", "epoch"};
    Value a[2];
    if (!nat_args(I, "step", argc, argv, kw, 2, names, 1, a)) return VAL_ERR;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) return err_raise(I, EXC_NotImplementedError, "scheduler.step(epoch) is deprecated in torch and not supported in ag");
    return sched_advance(I, AS_SCHED(a[0])) ? VAL_NONE : VAL_ERR;
}

static Value one_item_list(Interp *I, Value v) {
    List *l = list_new(I, 1);
    if (!l) return VAL_ERR;
    if (!list_append(I, l, v)) { obj_decref(&l->h); return VAL_ERR; }
    return val_obj(l);
}

static Value sched_get_last_lr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"self"};
    Value a[1];
    if (!nat_args(I, "get_last_lr", argc, argv, kw, 1, names, 1, a)) return VAL_ERR;
    return one_item_list(I, AS_SCHED(a[0])->last_lr);
}

static const MethodDef sched_methods[] = {
    {"step", sched_step, "step()", "Advance one epoch: set the optimizer's lr for the next one (call after optimizer.step())."},
    {"get_last_lr", sched_get_last_lr, "get_last_lr()", "The learning rate the last step() set, as a one-item list."},
    {NULL, NULL, NULL, NULL},
};

static Value sched_getattr(Interp *I, Value self, Str *name) {
    NnSched *s = AS_SCHED(self);
    const char *n = name->data;
    if (!strcmp(n, "last_epoch")) return val_int(s->last_epoch);
    if (!strcmp(n, "optimizer")) return val_incref(s->optimizer);
    if (!strcmp(n, "gamma")) return val_incref(s->gamma);
    if (!strcmp(n, "base_lrs")) return one_item_list(I, s->base_lr);
    if (s->kind == SK_STEP && !strcmp(n, "step_size")) return val_int(s->step_size);
    return VAL_UNDEF;
}

static const char *sched_type_name(Value self) { return sk_name[AS_SCHED(self)->kind]; }

const ObjClass nn_sched_class = {
    .name = "LRScheduler",
    .free = sched_free,
    .getattr = sched_getattr,
    .methods = sched_methods,
    .type_name = sched_type_name,
};

static Value sched_new(Interp *I, SchedKind kind, Value opt, Value gamma, int64_t step_size, List *milestones, Value last_epoch) {
    if (!IS_A(opt, nn_optim_class)) {
        if (milestones) obj_decref(&milestones->h);
        return err_raise(I, EXC_TypeError, "%s is not an Optimizer", val_type_name(opt));
    }
    double g;
    if (!as_double(I, "gamma", gamma, &g)) { if (milestones) obj_decref(&milestones->h); return VAL_ERR; }
    int64_t le = -1;
    if (!IS_UNDEF(last_epoch) && !val_as_index(I, last_epoch, &le)) { if (milestones) obj_decref(&milestones->h); return VAL_ERR; }
    NnOptim *op = AS_OPTIM(opt);
    Value lr = group_get(op, "lr");
    Value init = group_get(op, "initial_lr");
    if (le != -1 && IS_UNDEF(init)) {
        if (milestones) obj_decref(&milestones->h);
        return err_raise(I, EXC_KeyError, "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer");
    }
    /* group.setdefault('initial_lr', group['lr']) */
    if (IS_UNDEF(init)) {
        if (!group_set(I, op->group, "initial_lr", lr)) { if (milestones) obj_decref(&milestones->h); return VAL_ERR; }
        init = lr;
    }
    NnSched *s = obj_new(I, &nn_sched_class, sizeof(NnSched));
    if (!s) { if (milestones) obj_decref(&milestones->h); return VAL_ERR; }
    s->kind = kind;
    s->optimizer = val_incref(opt);
    s->gamma = val_incref(gamma);
    s->step_size = step_size;
    s->milestones = milestones;
    s->base_lr = val_incref(init);
    s->last_lr = VAL_NONE;
    s->last_epoch = le;
    /* torch's constructor takes the first step (last_epoch -1 -> 0) */
    if (!sched_advance(I, s)) { obj_decref(&s->h); return VAL_ERR; }
    return val_obj(s);
}

static Value nn_StepLR(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"optimizer", "step_size", "gamma", "last_epoch", "verbose"};
    Value a[5];
    if (!nat_args(I, "StepLR", argc, argv, kw, 5, names, 2, a)) return VAL_ERR;
    int64_t ss;
    if (!val_as_index(I, a[1], &ss)) return VAL_ERR;
    if (ss == 0) return err_raise(I, EXC_ZeroDivisionError, "integer division or modulo by zero");
    return sched_new(I, SK_STEP, a[0], IS_UNDEF(a[2]) ? val_float(0.1) : a[2], ss, NULL, a[3]);
}

static Value nn_ExponentialLR(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"optimizer", "gamma", "last_epoch", "verbose"};
    Value a[4];
    if (!nat_args(I, "ExponentialLR", argc, argv, kw, 4, names, 2, a)) return VAL_ERR;
    return sched_new(I, SK_EXP, a[0], a[1], 0, NULL, a[2]);
}

static Value nn_MultiStepLR(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"optimizer", "milestones", "gamma", "last_epoch", "verbose"};
    Value a[5];
    if (!nat_args(I, "MultiStepLR", argc, argv, kw, 5, names, 2, a)) return VAL_ERR;
    List *ms = list_from_iter(I, a[1]);
    if (!ms) return VAL_ERR;
    return sched_new(I, SK_MULTISTEP, a[0], IS_UNDEF(a[2]) ? val_float(0.1) : a[2], 0, ms, a[3]);
}

static const MethodDef sched_defs[] = {
    {"StepLR", nn_StepLR, "StepLR(optimizer, step_size, gamma=0.1)", "Multiply the lr by gamma every step_size epochs."},
    {"ExponentialLR", nn_ExponentialLR, "ExponentialLR(optimizer, gamma)", "Multiply the lr by gamma every epoch."},
    {"MultiStepLR", nn_MultiStepLR, "MultiStepLR(optimizer, milestones, gamma=0.1)", "Multiply the lr by gamma at each milestone epoch."},
    {NULL, NULL, NULL, NULL},
};

/* ---- the module ------------------------------------------------------------------------------ */
static const MethodDef nn_defs[] = {
    {"Linear", nn_Linear, "Linear(in_features, out_features, bias=True)", "A fully connected layer: y = x @ weight.T + bias, initialised as torch does."},
    {"Sequential", nn_Sequential, "Sequential(*layers)", "Layers applied one after another; model[i] is the i-th."},
    {"ReLU", nn_ReLU, "ReLU()", "The layer max(x, 0)."},
    {"Sigmoid", nn_Sigmoid, "Sigmoid()", "The layer 1 / (1 + exp(-x))."},
    {"Tanh", nn_Tanh, "Tanh()", "The layer tanh(x)."},
    {"Softmax", nn_Softmax, "Softmax(dim=None)", "The layer softmax(x, dim)."},
    {"LogSoftmax", nn_LogSoftmax, "LogSoftmax(dim=None)", "The layer log_softmax(x, dim)."},
    {"Identity", nn_Identity, "Identity()", "The layer that returns its input."},
    {"MSELoss", nn_MSELoss, "MSELoss(reduction='mean')", "Loss: mean of (input - target)**2 (MseLossBackward0)."},
    {"L1Loss", nn_L1Loss, "L1Loss(reduction='mean')", "Loss: mean of |input - target|."},
    {"BCELoss", nn_BCELoss, "BCELoss(reduction='mean')", "Loss: binary cross entropy of probabilities (logs clamped at -100)."},
    {"CrossEntropyLoss", nn_CrossEntropyLoss, "CrossEntropyLoss(reduction='mean')", "Loss: log_softmax then nll_loss, targets are class indices (int64)."},
    {"BCEWithLogitsLoss", nn_BCEWithLogitsLoss, "BCEWithLogitsLoss(reduction='mean')", "Loss: sigmoid then binary cross entropy, computed stably from logits."},
    {"Flatten", nn_Flatten, "Flatten(start_dim=1, end_dim=-1)", "The layer x.flatten(start_dim, end_dim): one row per sample."},
    {"LeakyReLU", nn_LeakyReLU, "LeakyReLU(negative_slope=0.01)", "The layer x if x > 0 else negative_slope * x."},
    {"Softplus", nn_Softplus, "Softplus(beta=1, threshold=20)", "The layer log(1 + exp(beta * x)) / beta (x itself above threshold)."},
    {"GELU", nn_GELU, "GELU()", "The layer x * Phi(x), Phi the standard normal CDF."},
    {"ELU", nn_ELU, "ELU(alpha=1.0)", "The layer x if x > 0 else alpha * (exp(x) - 1)."},
    {"SiLU", nn_SiLU, "SiLU()", "The layer x * sigmoid(x)."},
    {"Dropout", nn_Dropout, "Dropout(p=0.5)", "In training mode, zero each element with probability p and scale the rest by 1/(1-p); identity in eval mode."},
    {"NLLLoss", nn_NLLLoss, "NLLLoss(reduction='mean')", "Loss: -input[i, target[i]] averaged, input being log-probabilities."},
    {"Parameter", nn_Parameter, "Parameter(data, requires_grad=True)", "A tensor marked as a module parameter (a leaf that requires grad)."},
    {NULL, NULL, NULL, NULL},
};

static const MethodDef functional_defs[] = {
    {"linear", f_linear, "linear(input, weight, bias=None)", "input @ weight.T + bias."},
    {"relu", f_relu, "relu(input)", "max(input, 0) elementwise."},
    {"sigmoid", f_sigmoid, "sigmoid(input)", "1 / (1 + exp(-input)) elementwise (deprecated in torch: use torch.sigmoid)."},
    {"tanh", f_tanh, "tanh(input)", "tanh elementwise (deprecated in torch: use torch.tanh)."},
    {"softmax", f_softmax, "softmax(input, dim=None)", "exp(x) / sum(exp(x)) along dim."},
    {"log_softmax", f_log_softmax, "log_softmax(input, dim=None)", "log(softmax(x)) along dim, computed stably."},
    {"mse_loss", f_mse_loss, "mse_loss(input, target, reduction='mean')", "Mean squared error."},
    {"l1_loss", f_l1_loss, "l1_loss(input, target, reduction='mean')", "Mean absolute error."},
    {"binary_cross_entropy", f_bce, "binary_cross_entropy(input, target, reduction='mean')", "Binary cross entropy of probabilities."},
    {"cross_entropy", f_cross_entropy, "cross_entropy(input, target, reduction='mean')", "log_softmax + nll_loss with class-index targets."},
    {"binary_cross_entropy_with_logits", f_bce_logits, "binary_cross_entropy_with_logits(input, target, reduction='mean')", "Binary cross entropy of sigmoid(input), computed stably."},
    {"leaky_relu", f_leaky_relu, "leaky_relu(input, negative_slope=0.01)", "x if x > 0 else negative_slope * x."},
    {"softplus", f_softplus, "softplus(input, beta=1, threshold=20)", "log(1 + exp(beta * x)) / beta."},
    {"gelu", f_gelu, "gelu(input)", "x * Phi(x), Phi the standard normal CDF."},
    {"elu", f_elu, "elu(input, alpha=1.0)", "x if x > 0 else alpha * (exp(x) - 1)."},
    {"silu", f_silu, "silu(input)", "x * sigmoid(x)."},
    {"dropout", f_dropout, "dropout(input, p=0.5, training=True)", "Zero elements with probability p (scaling the rest) when training."},
    {"one_hot", f_one_hot, "one_hot(tensor, num_classes=-1)", "int64 class indices as one-hot rows."},
    {"nll_loss", f_nll_loss, "nll_loss(input, target, reduction='mean')", "Negative log likelihood of log-probabilities."},
    {NULL, NULL, NULL, NULL},
};

static const MethodDef optim_defs[] = {
    {"SGD", nn_SGD, "SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)", "Stochastic gradient descent: p -= lr * grad (with optional momentum)."},
    {"Adam", nn_Adam, "Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0)", "The Adam optimizer (torch 1.13's single-tensor arithmetic)."},
    {"AdamW", nn_AdamW, "AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)", "Adam with decoupled weight decay (the parameter shrinks by 1 - lr * weight_decay each step)."},
    {"RMSprop", nn_RMSprop, "RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False)", "Divide the gradient by a running root mean square of recent gradients."},
    {"Adagrad", nn_Adagrad, "Adagrad(params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)", "Divide the gradient by the root of the sum of all squared gradients so far."},
    {NULL, NULL, NULL, NULL},
};

/* type(m) == nn.Linear: the type of a native layer (its class and type name) against one of
 * the nn constructors; -1 when t is not one */
int nn_type_is(const ObjClass *cls, const char *type_name, Value t) {
    if (!IS_A(t, native_class)) return -1;
    const MethodDef *d = ((Native *)AS_OBJ(t))->def;
    size_t n = sizeof nn_defs / sizeof nn_defs[0] - 1;
    if (d < nn_defs || d >= nn_defs + n) return -1;
    return cls == &nn_module_class && type_name && strcmp(type_name, d->name) == 0;
}

int nn_isinstance(Value x, Value t) {
    if (!IS_A(t, native_class)) return -1;
    const MethodDef *d = ((Native *)AS_OBJ(t))->def;
    size_t n = sizeof nn_defs / sizeof nn_defs[0] - 1;
    if (d < nn_defs || d >= nn_defs + n) return -1;
    if (d->fn == nn_Parameter) return IS_TENSOR(x) && AS_TENSOR(x)->is_param;
    return IS_NNMOD(x) && strcmp(nk_name[AS_NNMOD(x)->kind], d->name) == 0;
}

/* ---- what stdlib/_nnmodule.ag (torch.nn.Module written in ag) asks of the native side ---- */
static Value nnp_is_parameter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "is_parameter", argc, kw, 1, 1)) return VAL_ERR;
    return val_bool(IS_TENSOR(argv[0]) && AS_TENSOR(argv[0])->is_param);
}
static Value nnp_is_native_module(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "is_native_module", argc, kw, 1, 1)) return VAL_ERR;
    return val_bool(IS_NNMOD(argv[0]));
}
static Value nnp_register_module_class(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "register_module_class", argc, kw, 1, 1)) return VAL_ERR;
    if (!IS_CLASS(argv[0])) return err_raise(I, EXC_TypeError, "register_module_class() takes a class");
    cls_set_native_peer(argv[0], &nn_module_class);
    return VAL_NONE;
}
static const MethodDef nn_private_defs[] = {
    {"is_parameter", nnp_is_parameter, "is_parameter(x)", "Whether x is a tensor made by nn.Parameter (or a layer's weight)."},
    {"is_native_module", nnp_is_native_module, "is_native_module(x)", "Whether x is one of the native layers (Linear, ReLU, Sequential, ...)."},
    {"register_module_class", nnp_register_module_class, "register_module_class(cls)", "Make the native layers instances of cls (torch.nn.Module)."},
    {NULL, NULL, NULL, NULL},
};

Module *nn_module_init(Interp *I) {
    Module *m = module_new(I, "_nn");
    Module *nn = module_new(I, "torch.nn"), *f = module_new(I, "torch.nn.functional"), *o = module_new(I, "torch.optim");
    /* torch.nn.init and torch.nn.utils: filled in by stdlib/torch.ag */
    Module *in = module_new(I, "torch.nn.init"), *u = module_new(I, "torch.nn.utils");
    Module *ls = module_new(I, "torch.optim.lr_scheduler");
    bool ok = m && nn && f && o && in && u && ls && module_add_natives(I, nn, nn_defs) && module_add_natives(I, f, functional_defs) &&
              module_add_natives(I, m, nn_private_defs) &&
              module_add_natives(I, o, optim_defs) && module_add_natives(I, ls, sched_defs) &&
              module_set(I, o, "lr_scheduler", val_obj(ls)) && module_set(I, nn, "functional", val_obj(f)) &&
              module_set(I, nn, "init", val_obj(in)) && module_set(I, nn, "utils", val_obj(u)) &&
              module_set(I, m, "nn", val_obj(nn)) && module_set(I, m, "optim", val_obj(o));
    if (in) obj_decref(&in->h);
    if (u) obj_decref(&u->h);
    if (ls) obj_decref(&ls->h);
    if (nn) obj_decref(&nn->h);
    if (f) obj_decref(&f->h);
    if (o) obj_decref(&o->h);
    if (!ok) { if (m) obj_decref(&m->h); return NULL; }
    return m;
}
