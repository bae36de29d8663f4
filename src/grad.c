/* grad.c — backward rules, one per differentiable op of ops.def (prefix grad_).
 *
 * Formulas are torch 1.13's (tools/autograd/derivatives.yaml) evaluated in the same order,
 * so float32 grads round the same way: e.g. pow: grad * (p * x.pow(p - 1)); mean:
 * grad.expand(shape) / numel; div (other): -grad * ((self / other) / other). A rule computes
 * at the broadcast shape, then sums down to the input's shape (torch's engine does that in
 * validate_outputs) and converts to the input's dtype. */
#include <math.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

static Tensor *td_(Tensor *t) { if (t) val_decref(val_obj(t)); return NULL; }
#define TD(t) td_(t)

static Tensor *bin(Interp *I, OpKind op, Tensor *a, Tensor *b) {
    DType ct = dtype_promote(a->dtype, b->dtype, false);
    if (!dtype_is_float(ct)) ct = DT_FLOAT32;
    bool cmp = op == OP_EQ || op == OP_NE || op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE;
    return kern_binary(I, op, a, b, ct, cmp ? DT_BOOL : ct, FLAVOR_TORCH);
}
/* tensor op Python scalar, the scalar rounded to the tensor's dtype as torch does */
static Tensor *bins(Interp *I, OpKind op, Tensor *a, double s, bool scalar_first) {
    TensorTmp tmp; /* the kernel only reads it */
    Tensor *c = tensor_scalar_tmp(&tmp, dtype_is_float(a->dtype) ? a->dtype : DT_FLOAT32, FLAVOR_TORCH, s);
    return scalar_first ? bin(I, op, c, a) : bin(I, op, a, c);
}
static Tensor *un(Interp *I, OpKind op, Tensor *a, double p) { return kern_unary(I, op, a, a->dtype, p, 0, 0); }

/* where(cond, x, y) with broadcasting to cond's shape (x, y may be 0-d). */
static Tensor *where(Interp *I, Tensor *cond, Tensor *x, Tensor *y) {
    DType dt = dtype_promote(x->dtype, y->dtype, false);
    int nd = cond->ndim;
    int64_t sh[TENSOR_MAX_DIMS];
    memcpy(sh, cond->shape, sizeof sh);
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, nd, sh);
    if (!o) return NULL;
    Tensor *ex = tensor_expand_to(I, x, nd, sh), *ey = ex ? tensor_expand_to(I, y, nd, sh) : NULL;
    if (!ey) { TD(ex); TD(o); return NULL; }
    for (int64_t i = 0; i < o->numel; i++)
        tensor_set(o, i, tensor_get(cond, i) != 0 ? tensor_get(ex, i) : tensor_get(ey, i));
    TD(ex);
    TD(ey);
    return o;
}

Tensor *grad_sum_to(Interp *I, Tensor *g, int ndim, const int64_t *shape) {
    int lead = g->ndim - ndim;
    uint32_t mask = 0;
    for (int d = 0; d < lead; d++) mask |= 1u << d;
    for (int d = lead; d < g->ndim; d++)
        if (shape[d - lead] == 1 && g->shape[d] != 1) mask |= 1u << d;
    if (!mask) {
        if (lead == 0) { obj_incref(&g->h); return g; }
    }
    /* only leading dims go: summing them away without keepdim gives the shape directly */
    if (lead > 0 && !(mask >> lead)) return kern_sum(I, g, mask, false, g->dtype, false);
    Tensor *s = mask ? kern_sum(I, g, mask, true, g->dtype, false) : (obj_incref(&g->h), g);
    if (!s) return NULL;
    if (lead > 0) {
        int64_t st[TENSOR_MAX_DIMS];
        int64_t k = 1;
        for (int d = ndim - 1; d >= 0; d--) { st[d] = k; k *= shape[d]; }
        /* kern_sum's result is fresh and contiguous: view it as is; g itself may not be */
        Tensor *c = mask || tensor_is_contiguous(s) ? (obj_incref(&s->h), s) : tensor_copy(I, s, s->dtype);
        TD(s);
        if (!c) return NULL;
        Tensor *v = tensor_view(I, c, ndim, shape, st, c->offset);
        TD(c);
        return v;
    }
    return s;
}

/* Finish an input grad: sum to the input's shape, convert to its dtype. Steals g. */
static Tensor *finish(Interp *I, TapeNode *n, int i, Tensor *g) {
    if (!g) return NULL;
    Tensor *s = grad_sum_to(I, g, n->in_ndim[i], n->in_shape[i]);
    TD(g);
    if (!s) return NULL;
    if (s->dtype != n->in_dtype[i] && dtype_is_float(n->in_dtype[i])) {
        Tensor *c = tensor_copy(I, s, n->in_dtype[i]);
        TD(s);
        return c;
    }
    return s;
}

/* Fused forms of two common rules. On a training step's small tensors the cost of a rule is
 * its intermediate tensors, not its arithmetic; each form computes in the rule's dtype in the
 * same order as the unfused kernels, so the grads are bit-identical. */

/* A tensor of the given shape filled with g / cnt (g has one element): mean's backward. */
static Tensor *fill_quotient(Interp *I, Tensor *g, int64_t cnt, int ndim, const int64_t *shape) {
    Tensor *o = tensor_new_empty(I, g->dtype, FLAVOR_TORCH, ndim, shape);
    if (!o) return NULL;
    if (g->dtype == DT_FLOAT32) {
        float v = (float)tensor_get(g, 0) / (float)cnt, *r = o->storage->data;
        for (int64_t i = 0; i < o->numel; i++) r[i] = v;
    } else {
        double v = tensor_get(g, 0) / (double)cnt, *r = o->storage->data;
        for (int64_t i = 0; i < o->numel; i++) r[i] = v;
    }
    return o;
}

/* g * (c * x) for g and x of one shape, contiguous and of one float dtype; NULL without an
 * error when they are not (the caller takes the general path). */
static Tensor *mul_scaled(Interp *I, Tensor *g, Tensor *x, double c) {
    if (g->dtype != x->dtype || !dtype_is_float(g->dtype) || !tensor_same_shape(g, x) || !tensor_is_contiguous(g) ||
        !tensor_is_contiguous(x))
        return NULL;
    Tensor *o = tensor_new_empty(I, g->dtype, FLAVOR_TORCH, g->ndim, g->shape);
    if (!o) return NULL;
    if (g->dtype == DT_FLOAT32) {
        const float *gp = (const float *)g->storage->data + g->offset, *xp = (const float *)x->storage->data + x->offset;
        float cf = (float)c, *r = o->storage->data;
        for (int64_t i = 0; i < o->numel; i++) r[i] = gp[i] * (cf * xp[i]);
    } else {
        const double *gp = (const double *)g->storage->data + g->offset, *xp = (const double *)x->storage->data + x->offset;
        double *r = o->storage->data;
        for (int64_t i = 0; i < o->numel; i++) r[i] = gp[i] * (c * xp[i]);
    }
    return o;
}

/* mul's grad for a 0-d float32 input i (w in w * X): (g * x) summed to one element, as the
 * unfused rule then grad_sum_to compute it (products in float32, then the cascade sum), without
 * the products' tensor. NULL without an error when it does not apply. */
static Tensor *mul_summed(Interp *I, TapeNode *n, int i, Tensor *g, Tensor *x) {
    enum { MAXN = 256 };
    float prod[MAXN];
    if (n->in_ndim[i] != 0 || n->in_dtype[i] != DT_FLOAT32 || g->dtype != DT_FLOAT32 || x->dtype != DT_FLOAT32 ||
        g->numel > MAXN || !tensor_same_shape(g, x) || !tensor_is_contiguous(g) || !tensor_is_contiguous(x))
        return NULL;
    const float *gp = (const float *)g->storage->data + g->offset, *xp = (const float *)x->storage->data + x->offset;
    for (int64_t k = 0; k < g->numel; k++) prod[k] = gp[k] * xp[k];
    Tensor *o = tensor_new_empty(I, DT_FLOAT32, FLAVOR_TORCH, 0, NULL);
    if (o) *(float *)o->storage->data = g->ndim ? kern_cascade_f32(prod, g->numel) : prod[0];
    return o;
}

static Tensor *zeros_in(Interp *I, TapeNode *n, int i) {
    return tensor_new(I, n->in_dtype[i], FLAVOR_TORCH, n->in_ndim[i], n->in_shape[i]);
}

/* Grad of a view: scatter g into zeros of the input's shape through the recorded view. */
static Tensor *view_backward(Interp *I, TapeNode *n, Tensor *g) {
    Tensor *z = zeros_in(I, n, 0);
    if (!z) return NULL;
    int nd = (int)n->ip[0];
    int64_t sh[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS];
    for (int d = 0; d < nd; d++) { sh[d] = n->ip[2 + d]; st[d] = n->ip[2 + TENSOR_MAX_DIMS + d]; }
    Tensor *v = tensor_view(I, z, nd, sh, st, n->ip[1]);
    if (!v) { TD(z); return NULL; }
    for (int64_t i = 0; i < v->numel; i++) tensor_set(v, i, tensor_get(v, i) + tensor_get(g, i));
    TD(v);
    return z;
}

static Tensor *expand_reduced(Interp *I, TapeNode *n, Tensor *g) {
    /* grad of a sum/mean: g broadcast back over the reduced dims (stride 0 there); with
     * keepdim those dims are present in g with size 1, without it they are absent */
    bool all = n->op == OP_SUM || n->op == OP_MEAN;
    uint32_t mask = all ? 0xFFFFFFFFu : (uint32_t)n->ip[0];
    bool keep = !all && n->ip[1] != 0;
    int nd = n->in_ndim[0];
    /* a contiguous g (the usual case: a fresh kernel result) is viewed as is */
    Tensor *gc = tensor_is_contiguous(g) ? (obj_incref(&g->h), g) : tensor_copy(I, g, g->dtype);
    if (!gc) return NULL;
    int64_t sh[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS];
    int j = 0;
    for (int d = 0; d < nd; d++) {
        sh[d] = n->in_shape[0][d];
        if ((mask >> d) & 1) { st[d] = 0; if (keep) j++; }
        else st[d] = gc->stride[j++];
    }
    Tensor *e = tensor_view(I, gc, nd, sh, st, gc->offset);
    TD(gc);
    return e;
}

static Tensor *mm_raw(Interp *I, Tensor *a, Tensor *b) { return kern_matmul(I, a, b, a->dtype, FLAVOR_TORCH); }
static Tensor *transpose_last2(Interp *I, Tensor *a) {
    int64_t sh[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS];
    memcpy(sh, a->shape, sizeof sh);
    memcpy(st, a->stride, sizeof st);
    int nd = a->ndim;
    if (nd >= 2) {
        int64_t t = sh[nd - 1]; sh[nd - 1] = sh[nd - 2]; sh[nd - 2] = t;
        t = st[nd - 1]; st[nd - 1] = st[nd - 2]; st[nd - 2] = t;
    }
    return tensor_view(I, a, nd, sh, st, a->offset);
}
static Tensor *as_matrix(Interp *I, Tensor *a, bool col) {
    /* 1-D [n] → [n,1] (col) or [1,n] */
    int64_t sh[2], st[2];
    if (col) { sh[0] = a->shape[0]; sh[1] = 1; st[0] = a->stride[0]; st[1] = 1; }
    else { sh[0] = 1; sh[1] = a->shape[0]; st[0] = 1; st[1] = a->stride[0]; }
    return tensor_view(I, a, 2, sh, st, a->offset);
}

bool grad_apply(Interp *I, TapeNode *n, Tensor *g, Tensor **out) {
    Tensor *A = n->saved[0], *B = n->saved[1], *R = n->saved[2];
    Tensor *t1 = NULL, *t2 = NULL, *t3 = NULL;
    bool n0 = n->needs[0], n1 = n->nin > 1 && n->needs[1];
    out[0] = out[1] = out[2] = NULL;
    switch (n->op) {
    case OP_ADDMM: case OP_MSELOSS: case OP_BCELOSS: case OP_NLLLOSS: case OP_BCELOGITS: case OP_LEAKYRELU:
    case OP_SOFTPLUS: case OP_GELU: case OP_ELU: case OP_SILU:
        return nn_grad_apply(I, n, g, out); /* nn.c */
    case OP_ADD:
        if (n0) { obj_incref(&g->h); out[0] = finish(I, n, 0, g); if (!out[0]) goto fail; }
        if (n1) { obj_incref(&g->h); out[1] = finish(I, n, 1, g); if (!out[1]) goto fail; }
        break;
    case OP_SUB:
        if (n0) { obj_incref(&g->h); out[0] = finish(I, n, 0, g); if (!out[0]) goto fail; }
        if (n1) { out[1] = finish(I, n, 1, un(I, OP_NEG, g, 0)); if (!out[1]) goto fail; }
        break;
    case OP_RSUB:
        out[0] = finish(I, n, 0, un(I, OP_NEG, g, 0));
        if (!out[0]) goto fail;
        break;
    case OP_MUL:
        if (n0 && !(out[0] = mul_summed(I, n, 0, g, B))) {
            if (err_pending(I)) goto fail;
            out[0] = finish(I, n, 0, bin(I, OP_MUL, g, B));
            if (!out[0]) goto fail;
        }
        if (n1 && !(out[1] = mul_summed(I, n, 1, g, A))) {
            if (err_pending(I)) goto fail;
            out[1] = finish(I, n, 1, bin(I, OP_MUL, g, A));
            if (!out[1]) goto fail;
        }
        break;
    case OP_DIV:
        if (n0) { out[0] = finish(I, n, 0, bin(I, OP_DIV, g, B)); if (!out[0]) goto fail; }
        if (n1) {
            t1 = bin(I, OP_DIV, A, B);
            t2 = t1 ? bin(I, OP_DIV, t1, B) : NULL;
            t3 = t2 ? un(I, OP_NEG, g, 0) : NULL;
            out[1] = finish(I, n, 1, t3 ? bin(I, OP_MUL, t3, t2) : NULL);
            if (!out[1]) goto fail;
        }
        break;
    case OP_RDIV: /* MulBackward0 (grad * s) then ReciprocalBackward0 (-grad * (r * r)) */
        t1 = bins(I, OP_MUL, g, n->p[0], false);
        t2 = t1 ? un(I, OP_NEG, t1, 0) : NULL;
        t3 = t2 ? bin(I, OP_MUL, A, A) : NULL;
        out[0] = finish(I, n, 0, t3 ? bin(I, OP_MUL, t2, t3) : NULL);
        if (!out[0]) goto fail;
        break;
    case OP_POW: {
        double p = n->p[0];
        if (p == 0) { out[0] = finish(I, n, 0, tensor_new(I, g->dtype, FLAVOR_TORCH, g->ndim, g->shape)); if (!out[0]) goto fail; break; }
        if (p == 2) { /* grad * (2 * x) in one pass, rounded as the two kernels round */
            Tensor *f = mul_scaled(I, g, A, 2.0);
            if (f) { out[0] = finish(I, n, 0, f); if (!out[0]) goto fail; break; }
            if (err_pending(I)) goto fail;
        }
        /* x.pow(1) is a copy of x, the same values: multiply x itself */
        t1 = (p - 1 == 1) ? (obj_incref(&A->h), A) : un(I, OP_POW, A, p - 1);
        t2 = t1 ? bins(I, OP_MUL, t1, p, true) : NULL;
        out[0] = finish(I, n, 0, t2 ? bin(I, OP_MUL, g, t2) : NULL);
        if (!out[0]) goto fail;
        break;
    }
    case OP_POWT:
        if (n0) {
            t1 = bins(I, OP_SUB, B, 1.0, false);
            t2 = t1 ? bin(I, OP_POWT, A, t1) : NULL;
            t3 = t2 ? bin(I, OP_MUL, B, t2) : NULL;
            out[0] = finish(I, n, 0, t3 ? bin(I, OP_MUL, g, t3) : NULL);
            TD(t1); TD(t2); TD(t3);
            t1 = t2 = t3 = NULL;
            if (!out[0]) goto fail;
        }
        if (n1) {
            t1 = un(I, OP_LOG, A, 0);
            t2 = t1 ? bin(I, OP_MUL, R, t1) : NULL;
            /* where self == 0 and exponent >= 0 the grad is 0 (not nan) */
            if (t2) {
                Tensor *ea = tensor_expand_to(I, A, t2->ndim, t2->shape), *eb = ea ? tensor_expand_to(I, B, t2->ndim, t2->shape) : NULL;
                if (!eb) { TD(ea); goto fail; }
                for (int64_t i = 0; i < t2->numel; i++)
                    if (tensor_get(ea, i) == 0 && tensor_get(eb, i) >= 0) tensor_set(t2, i, 0);
                TD(ea); TD(eb);
            }
            out[1] = finish(I, n, 1, t2 ? bin(I, OP_MUL, g, t2) : NULL);
            if (!out[1]) goto fail;
        }
        break;
    case OP_NEG: out[0] = finish(I, n, 0, un(I, OP_NEG, g, 0)); if (!out[0]) goto fail; break;
    case OP_EXP: out[0] = finish(I, n, 0, bin(I, OP_MUL, g, A)); if (!out[0]) goto fail; break;
    case OP_LOG: out[0] = finish(I, n, 0, bin(I, OP_DIV, g, A)); if (!out[0]) goto fail; break;
    case OP_SQRT:
        t1 = bins(I, OP_MUL, A, 2.0, true);
        out[0] = finish(I, n, 0, t1 ? bin(I, OP_DIV, g, t1) : NULL);
        if (!out[0]) goto fail;
        break;
    case OP_ABS:
        t1 = tensor_copy(I, A, A->dtype);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) {
            double x = tensor_get(t1, i);
            tensor_set(t1, i, x > 0 ? 1.0 : x < 0 ? -1.0 : isnan(x) ? x : 0.0);
        }
        out[0] = finish(I, n, 0, bin(I, OP_MUL, g, t1));
        if (!out[0]) goto fail;
        break;
    case OP_SIN:
        t1 = un(I, OP_COS, A, 0);
        out[0] = finish(I, n, 0, t1 ? bin(I, OP_MUL, g, t1) : NULL);
        if (!out[0]) goto fail;
        break;
    case OP_COS:
        t1 = un(I, OP_SIN, A, 0);
        t2 = t1 ? un(I, OP_NEG, t1, 0) : NULL;
        out[0] = finish(I, n, 0, t2 ? bin(I, OP_MUL, g, t2) : NULL);
        if (!out[0]) goto fail;
        break;
    case OP_TANH: /* grad * (1 - y * y); torch's AVX2 kernel fuses 1 - y*y into one FMA */
        t1 = tensor_copy(I, A, A->dtype);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) {
            if (t1->dtype == DT_FLOAT32) { float y = ((float *)t1->storage->data)[i]; ((float *)t1->storage->data)[i] = fmaf(-y, y, 1.0f); }
            else { double y = ((double *)t1->storage->data)[i]; ((double *)t1->storage->data)[i] = fma(-y, y, 1.0); }
        }
        out[0] = finish(I, n, 0, bin(I, OP_MUL, g, t1));
        if (!out[0]) goto fail;
        break;
    case OP_SIGMOID: /* (grad * (1 - y)) * y */
        t1 = bins(I, OP_SUB, A, 1.0, true);
        t2 = t1 ? bin(I, OP_MUL, g, t1) : NULL;
        out[0] = finish(I, n, 0, t2 ? bin(I, OP_MUL, t2, A) : NULL);
        if (!out[0]) goto fail;
        break;
    case OP_RELU:
        t1 = tensor_copy(I, g, g->dtype);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) if (!(tensor_get(A, i) > 0)) tensor_set(t1, i, 0);
        out[0] = finish(I, n, 0, t1);
        t1 = NULL;
        if (!out[0]) goto fail;
        break;
    case OP_CLAMP: {
        int flags = (int)n->ip[0];
        t1 = tensor_copy(I, g, g->dtype);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) {
            double x = tensor_get(A, i);
            bool in = true;
            if ((flags & 1) && !(x >= (A->dtype == DT_FLOAT32 ? (double)(float)n->p[0] : n->p[0]))) in = false;
            if ((flags & 2) && !(x <= (A->dtype == DT_FLOAT32 ? (double)(float)n->p[1] : n->p[1]))) in = false;
            if (!in) tensor_set(t1, i, 0);
        }
        out[0] = finish(I, n, 0, t1);
        t1 = NULL;
        if (!out[0]) goto fail;
        break;
    }
    case OP_MAXIMUM: case OP_MINIMUM: {
        bool mx = n->op == OP_MAXIMUM;
        Tensor *half = bins(I, OP_DIV, g, 2.0, false);
        if (!half) goto fail;
        for (int k = 0; k < 2; k++) {
            if (!n->needs[k]) continue;
            Tensor *eq = bin(I, OP_EQ, A, B);
            Tensor *w = eq ? where(I, eq, half, g) : NULL;
            Tensor *lose = w ? bin(I, (k == 0) == mx ? OP_LT : OP_GT, A, B) : NULL;
            if (lose) for (int64_t i = 0; i < w->numel; i++) if (tensor_get(lose, i) != 0) tensor_set(w, i, 0);
            TD(eq); TD(lose);
            out[k] = finish(I, n, k, lose ? w : TD(w));
            if (!out[k]) { TD(half); goto fail; }
        }
        TD(half);
        break;
    }
    case OP_SUM: case OP_SUMDIM:
        out[0] = finish(I, n, 0, expand_reduced(I, n, g));
        if (!out[0]) goto fail;
        break;
    case OP_MEAN: case OP_MEANDIM: {
        int64_t cnt = 1;
        uint32_t mask = (uint32_t)n->ip[0];
        for (int d = 0; d < n->in_ndim[0]; d++)
            if (n->op == OP_MEAN || ((mask >> d) & 1)) cnt *= n->in_shape[0][d];
        if (n->op == OP_MEAN && dtype_is_float(g->dtype)) { /* every element is grad / numel */
            out[0] = finish(I, n, 0, fill_quotient(I, g, cnt, n->in_ndim[0], n->in_shape[0]));
            if (!out[0]) goto fail;
            break;
        }
        t1 = expand_reduced(I, n, g);
        out[0] = finish(I, n, 0, t1 ? bins(I, OP_DIV, t1, (double)cnt, false) : NULL);
        if (!out[0]) goto fail;
        break;
    }
    case OP_SOFTMAX: case OP_LOGSOFTMAX:
        out[0] = finish(I, n, 0, kern_softmax_backward(I, g, A, (int)n->ip[0], n->op == OP_LOGSOFTMAX));
        if (!out[0]) goto fail;
        break;
    case OP_MAX: case OP_MIN: case OP_MEDIAN: { /* evenly distribute among the extreme elements */
        int64_t count = 0;
        for (int64_t i = 0; i < A->numel; i++) {
            double x = tensor_get(A, i), v = tensor_get(B, 0);
            if (x == v || (isnan(x) && isnan(v))) count++;
        }
        t1 = bins(I, OP_DIV, g, (double)count, false);
        t2 = t1 ? zeros_in(I, n, 0) : NULL;
        if (!t2) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            double x = tensor_get(A, i), v = tensor_get(B, 0);
            if (x == v || (isnan(x) && isnan(v))) tensor_set(t2, i, tensor_get(t1, 0));
        }
        out[0] = t2;
        t2 = NULL;
        break;
    }
    case OP_MAXDIM: case OP_MINDIM: case OP_MEDIANDIM: {
        int dim = (int)n->ip[0];
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        int64_t inner = 1, R = n->in_shape[0][dim];
        for (int d = dim + 1; d < n->in_ndim[0]; d++) inner *= n->in_shape[0][d];
        for (int64_t k = 0; k < A->numel; k++) {
            int64_t outer = k / inner, inn = k % inner;
            int64_t idx = tensor_get_i64(A, k);
            tensor_set(t1, outer * R * inner + idx * inner + inn, tensor_get(g, k));
        }
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_DOT:
        if (n0) { out[0] = finish(I, n, 0, bin(I, OP_MUL, g, B)); if (!out[0]) goto fail; }
        if (n1) { out[1] = finish(I, n, 1, bin(I, OP_MUL, g, A)); if (!out[1]) goto fail; }
        break;
    case OP_MM:
        if (n0) { t1 = transpose_last2(I, B); out[0] = finish(I, n, 0, t1 ? mm_raw(I, g, t1) : NULL); if (!out[0]) goto fail; TD(t1); t1 = NULL; }
        if (n1) { t1 = transpose_last2(I, A); out[1] = finish(I, n, 1, t1 ? mm_raw(I, t1, g) : NULL); if (!out[1]) goto fail; }
        break;
    case OP_MV: /* a: [n,k], b: [k], g: [n] */
        if (n0) {
            t1 = as_matrix(I, g, true);
            t2 = t1 ? as_matrix(I, B, false) : NULL;
            out[0] = finish(I, n, 0, t2 ? bin(I, OP_MUL, t1, t2) : NULL);
            if (!out[0]) goto fail;
            TD(t1); TD(t2);
            t1 = t2 = NULL;
        }
        if (n1) { t1 = transpose_last2(I, A); out[1] = finish(I, n, 1, t1 ? mm_raw(I, t1, g) : NULL); if (!out[1]) goto fail; }
        break;
    case OP_VM: /* a: [k], b: [k,m], g: [m] */
        if (n0) {
            t1 = as_matrix(I, g, false);
            t2 = t1 ? transpose_last2(I, B) : NULL;
            out[0] = finish(I, n, 0, t2 ? mm_raw(I, t1, t2) : NULL);
            if (!out[0]) goto fail;
            TD(t1); TD(t2);
            t1 = t2 = NULL;
        }
        if (n1) {
            t1 = as_matrix(I, A, true);
            t2 = t1 ? as_matrix(I, g, false) : NULL;
            out[1] = finish(I, n, 1, t2 ? bin(I, OP_MUL, t1, t2) : NULL);
            if (!out[1]) goto fail;
        }
        break;
    case OP_BMM:
        if (A->ndim == 3 && B->ndim <= 2) {
            /* torch folds [B, n, k] @ [k, m] (or @ [k]) into one mm (mv): b's grad sums over
             * the B*n rows in order */
            bool vec = B->ndim == 1;
            if (n1) {
                Tensor *ac = tensor_copy(I, A, A->dtype), *gc = ac ? tensor_copy(I, g, g->dtype) : NULL;
                if (!gc) { TD(ac); goto fail; }
                int64_t rows = A->shape[0] * A->shape[1];
                int64_t s2[2] = {rows, A->shape[2]}, st2[2] = {A->shape[2], 1};
                int64_t g2s[2] = {rows, vec ? 1 : g->shape[2]}, g2st[2] = {vec ? 1 : g->shape[2], 1};
                Tensor *a2 = tensor_view(I, ac, 2, s2, st2, 0), *g2 = a2 ? tensor_view(I, gc, vec ? 1 : 2, g2s, g2st, 0) : NULL;
                TD(ac); TD(gc);
                t1 = g2 ? transpose_last2(I, a2) : NULL;
                out[1] = finish(I, n, 1, t1 ? mm_raw(I, t1, g2) : NULL);
                TD(a2); TD(g2);
                if (!out[1]) goto fail;
            }
            if (n0) {
                if (vec) {
                    int64_t gs[3] = {g->shape[0], g->shape[1], 1}, gst[3] = {g->stride[0], g->stride[1], 0};
                    t2 = tensor_view(I, g, 3, gs, gst, g->offset);
                    out[0] = finish(I, n, 0, t2 ? bin(I, OP_MUL, t2, B) : NULL);
                } else {
                    t2 = transpose_last2(I, B);
                    out[0] = finish(I, n, 0, t2 ? mm_raw(I, g, t2) : NULL);
                }
                if (!out[0]) goto fail;
            }
            break;
        }
        /* other shapes: per-batch products below */
    {
        /* g: [B, n, m] (or with 1-D operands squeezed). Promote 1-D to matrices, compute
         * per-batch products, then sum_to each input's shape. */
        Tensor *a3 = A, *b3 = B, *g3 = g;
        int64_t sh[3], st[3];
        bool a1 = A->ndim == 1, b1 = B->ndim == 1;
        if (a1) { sh[0] = 1; sh[1] = A->shape[0]; st[0] = 0; st[1] = A->stride[0]; a3 = tensor_view(I, A, 2, sh, st, A->offset); }
        else obj_incref(&A->h);
        if (b1) { sh[0] = B->shape[0]; sh[1] = 1; st[0] = B->stride[0]; st[1] = 0; b3 = tensor_view(I, B, 2, sh, st, B->offset); }
        else obj_incref(&B->h);
        /* g with the squeezed dims restored */
        {
            int nd = 0;
            int64_t gs[3];
            int64_t Bn = a3->ndim == 3 ? a3->shape[0] : b3->shape[0];
            gs[nd++] = Bn;
            gs[nd++] = a3->shape[a3->ndim - 2];
            gs[nd++] = b3->shape[b3->ndim - 1];
            Tensor *gc = tensor_copy(I, g, g->dtype);
            if (!gc) { TD(a3); TD(b3); goto fail; }
            int64_t gst[3] = {gs[1] * gs[2], gs[2], 1};
            g3 = tensor_view(I, gc, 3, gs, gst, 0);
            TD(gc);
        }
        if (!a3 || !b3 || !g3) { TD(a3); TD(b3); TD(g3); goto fail; }
        if (n0) {
            t1 = transpose_last2(I, b3);
            Tensor *r = t1 ? mm_raw(I, g3, t1) : NULL; /* [B, n, k] */
            TD(t1); t1 = NULL;
            if (r && a1) { /* back to [k] by summing the batch and the unit row */
                Tensor *s = kern_sum(I, r, 3u, false, r->dtype, false);
                TD(r); r = s;
            }
            out[0] = finish(I, n, 0, r);
        }
        if (n1 && (!n0 || out[0])) {
            t1 = transpose_last2(I, a3);
            Tensor *r = t1 ? mm_raw(I, t1, g3) : NULL; /* [B, k, m] */
            TD(t1); t1 = NULL;
            if (r && b1) {
                Tensor *s = kern_sum(I, r, 5u, false, r->dtype, false);
                TD(r); r = s;
            }
            out[1] = finish(I, n, 1, r);
        }
        TD(a3); TD(b3); TD(g3);
        if ((n0 && !out[0]) || (n1 && !out[1])) goto fail;
        break;
    }
    case OP_EXPAND:
        out[0] = grad_sum_to(I, g, n->in_ndim[0], n->in_shape[0]);
        if (!out[0]) goto fail;
        break;
    case OP_UNSQUEEZE: case OP_SQUEEZE: case OP_SQUEEZEDIM: case OP_VIEW: case OP_RESHAPE: case OP_UNSAFEVIEW:
    case OP_PERMUTE: case OP_T: case OP_TRANSPOSE: case OP_SELECT: case OP_SLICE: case OP_SPLIT: case OP_UNBIND:
        out[0] = view_backward(I, n, g);
        if (!out[0]) goto fail;
        break;
    case OP_INDEX:
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            int64_t off = ((int64_t *)A->storage->data)[A->offset + i];
            tensor_set(t1, off, tensor_get(t1, off) + tensor_get(g, i));
        }
        out[0] = t1;
        t1 = NULL;
        break;
    case OP_CAT: case OP_STACK: { /* slices of g along dim */
        int dim = (int)n->ip[0];
        int64_t off = 0;
        for (int k = 0; k < 2; k++) {
            int64_t len = n->in_shape[k][dim];
            if (n->needs[k]) {
                Tensor *gc = tensor_copy(I, g, g->dtype);
                if (!gc) goto fail;
                Tensor *v = tensor_view(I, gc, gc->ndim, n->in_shape[k], gc->stride, off * gc->stride[dim]);
                TD(gc);
                out[k] = v ? tensor_copy(I, v, n->in_dtype[k]) : NULL;
                TD(v);
                if (!out[k]) goto fail;
                out[k]->flavor = FLAVOR_TORCH;
            }
            off += len;
        }
        break;
    }
    case OP_WHERE: /* grad where the condition picked this input, zero elsewhere */
        for (int k = 0; k < 2; k++) {
            if (!n->needs[k]) continue;
            t1 = tensor_expand_to(I, A, g->ndim, g->shape);
            t2 = t1 ? tensor_new(I, g->dtype, FLAVOR_TORCH, g->ndim, g->shape) : NULL;
            if (!t2) goto fail;
            for (int64_t i = 0; i < t2->numel; i++)
                if ((tensor_get(t1, i) != 0) == (k == 0)) tensor_set(t2, i, tensor_get(g, i));
            TD(t1); t1 = NULL;
            out[k] = finish(I, n, k, t2);
            t2 = NULL;
            if (!out[k]) goto fail;
        }
        break;
    case OP_MASKEDFILL: /* the filled positions did not come from the input */
        t1 = tensor_copy(I, g, g->dtype);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) if (tensor_get(A, i) != 0) tensor_set(t1, i, 0);
        out[0] = finish(I, n, 0, t1);
        t1 = NULL;
        if (!out[0]) goto fail;
        break;
    case OP_GATHER: case OP_SORT: case OP_TOPK: { /* scatter-add g back to where each element came from */
        int dim = (int)n->ip[0], nd = n->in_ndim[0];
        const int64_t *ish = n->in_shape[0];
        int64_t size = nd ? ish[dim] : 1, co[TENSOR_MAX_DIMS];
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            int64_t r = i, dst = 0, mul = 1, k = tensor_get_i64(A, i);
            for (int d = A->ndim - 1; d >= 0; d--) { co[d] = r % A->shape[d]; r /= A->shape[d]; }
            if (k < 0) k += size;
            for (int d = nd - 1; d >= 0; d--) { dst += (d == dim ? k : co[d]) * mul; mul *= ish[d]; }
            tensor_set(t1, dst, tensor_get(t1, dst) + tensor_get(g, i));
        }
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_CUMPROD: { /* no zero in a lane: reversed_cumsum(grad * result) / input; else the product rule term by term */
        int dim = (int)n->ip[0];
        bool f32 = A->dtype == DT_FLOAT32;
        int64_t outer = 1, len = 1, inner = 1;
        if (A->ndim) {
            for (int d = 0; d < dim; d++) outer *= A->shape[d];
            len = A->shape[dim];
            for (int d = dim + 1; d < A->ndim; d++) inner *= A->shape[d];
        }
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        for (int64_t ou = 0; ou < outer; ou++)
            for (int64_t in = 0; in < inner; in++) {
#define AT(k) (((ou) * len + (k)) * inner + (in))
                bool zero = false;
                for (int64_t k = 0; k < len; k++) zero |= tensor_get(A, AT(k)) == 0;
                double acc = 0;
                for (int64_t k = len - 1; k >= 0; k--) {
                    double v;
                    if (!zero) {
                        double w = f32 ? (double)((float)tensor_get(B, AT(k)) * (float)tensor_get(g, AT(k))) : tensor_get(B, AT(k)) * tensor_get(g, AT(k));
                        acc += w;
                        v = f32 ? (double)((float)acc / (float)tensor_get(A, AT(k))) : acc / tensor_get(A, AT(k));
                    } else {
                        v = 0;
                        for (int64_t j = k; j < len; j++) {
                            double pr = 1;
                            for (int64_t i = 0; i <= j; i++) if (i != k) pr *= tensor_get(A, AT(i));
                            v += tensor_get(g, AT(j)) * pr;
                        }
                    }
                    tensor_set(t1, AT(k), v);
                }
#undef AT
            }
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_ROUND: case OP_ROUNDDEC: case OP_FLOOR: case OP_CEIL: case OP_TRUNC: case OP_SIGN: /* piecewise constant */
        out[0] = zeros_in(I, n, 0);
        if (!out[0]) goto fail;
        break;
    case OP_RECIPROCAL: case OP_RSQRT: case OP_LOG10: case OP_LOG2: case OP_LOG1P: case OP_EXPM1: case OP_EXP2: {
        /* torch's formulas in the input's dtype: -grad * (r * r); (-0.5 * grad) * r^3; grad / (x * ln 10);
         * grad / (x * ln 2); grad / (x + 1); grad * (r + 1); (grad * r) * ln 2 */
        bool f32 = A->dtype == DT_FLOAT32;
        t1 = tensor_new(I, A->dtype, FLAVOR_TORCH, A->ndim, A->shape);
        if (!t1) goto fail;
        for (int64_t i = 0; i < t1->numel; i++) {
            double gv = tensor_get(g, i), v = tensor_get(A, i), r;
            if (f32) {
                float gf = (float)gv, vf = (float)v;
                switch (n->op) {
                case OP_RECIPROCAL: r = -gf * (vf * vf); break;
                case OP_RSQRT: r = (-0.5f * gf) * (vf * vf * vf); break;
                case OP_LOG10: r = gf / (vf * (float)M_LN10); break;
                case OP_LOG2: r = gf / (vf * (float)M_LN2); break;
                case OP_LOG1P: r = gf / (vf + 1.0f); break;
                case OP_EXPM1: r = gf * (vf + 1.0f); break;
                default: r = (gf * vf) * (float)M_LN2; break;
                }
            } else {
                switch (n->op) {
                case OP_RECIPROCAL: r = -gv * (v * v); break;
                case OP_RSQRT: r = (-0.5 * gv) * (v * v * v); break;
                case OP_LOG10: r = gv / (v * M_LN10); break;
                case OP_LOG2: r = gv / (v * M_LN2); break;
                case OP_LOG1P: r = gv / (v + 1.0); break;
                case OP_EXPM1: r = gv * (v + 1.0); break;
                default: r = (gv * v) * M_LN2; break;
                }
            }
            tensor_set(t1, i, r);
        }
        out[0] = finish(I, n, 0, t1);
        t1 = NULL;
        if (!out[0]) goto fail;
        break;
    }
    case OP_CUMSUM: /* the reversed cumulative sum of g */
        out[0] = finish(I, n, 0, ttorch_cum(I, g, (int)n->ip[0], false, true, g->dtype));
        if (!out[0]) goto fail;
        break;
    case OP_PROD: case OP_PRODDIM: { /* g * (result / input), or the product of the others where a lane has a zero */
        int dim = n->op == OP_PROD ? -1 : (int)n->ip[0];
        int64_t outer = 1, len = A->numel, inner = 1;
        if (dim >= 0 && A->ndim) {
            outer = inner = 1;
            for (int d = 0; d < dim; d++) outer *= A->shape[d];
            len = A->shape[dim];
            for (int d = dim + 1; d < A->ndim; d++) inner *= A->shape[d];
        }
        bool f32 = A->dtype == DT_FLOAT32;
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        for (int64_t ou = 0; ou < outer; ou++)
            for (int64_t in = 0; in < inner; in++) {
                int64_t q = ou * inner + in, zeros = 0;
                double gq = tensor_get(g, q), rq = tensor_get(B, q);
                for (int64_t k = 0; k < len; k++) zeros += tensor_get(A, (ou * len + k) * inner + in) == 0;
                for (int64_t k = 0; k < len; k++) {
                    int64_t p = (ou * len + k) * inner + in;
                    double x = tensor_get(A, p), v = 0;
                    if (zeros == 0) v = f32 ? (double)((float)gq * ((float)rq / (float)x)) : gq * (rq / x);
                    else if (zeros == 1 && x == 0) {
                        double o = 1;
                        for (int64_t j = 0; j < len; j++)
                            if (j != k) o = f32 ? (double)((float)o * (float)tensor_get(A, (ou * len + j) * inner + in)) : o * tensor_get(A, (ou * len + j) * inner + in);
                        v = f32 ? (double)((float)gq * (float)o) : gq * o;
                    }
                    tensor_set(t1, p, v);
                }
            }
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_TRIL: case OP_TRIU: /* the same triangle of g */
        out[0] = finish(I, n, 0, ttorch_tri(I, g, n->op == OP_TRIU, n->ip[0]));
        if (!out[0]) goto fail;
        break;
    case OP_FLIP:
        out[0] = finish(I, n, 0, ttorch_flip(I, g, (uint32_t)n->ip[0]));
        if (!out[0]) goto fail;
        break;
    case OP_ROLL: { /* g rolled back */
        int rn = (int)n->ip[0];
        int64_t sh[TENSOR_MAX_DIMS], dm[TENSOR_MAX_DIMS];
        for (int k = 0; k < rn; k++) { sh[k] = -n->ip[1 + 2 * k]; dm[k] = n->ip[2 + 2 * k]; }
        out[0] = finish(I, n, 0, ttorch_roll(I, g, rn, sh, dm));
        if (!out[0]) goto fail;
        break;
    }
    case OP_INDEXSELECT: { /* index_add: each selected slice's grad back to its source */
        int dim = (int)n->ip[0], nd = n->in_ndim[0];
        const int64_t *ish = n->in_shape[0];
        int64_t outer = 1, len = nd ? ish[dim] : 1, inner = 1, cnt = A->numel;
        for (int d = 0; d < dim && d < nd; d++) outer *= ish[d];
        for (int d = dim + 1; d < nd; d++) inner *= ish[d];
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        for (int64_t ou = 0; ou < outer; ou++)
            for (int64_t k = 0; k < cnt; k++) {
                int64_t j = tensor_get_i64(A, k);
                for (int64_t in = 0; in < inner; in++) {
                    int64_t dst = (ou * len + j) * inner + in;
                    tensor_set(t1, dst, tensor_get(t1, dst) + tensor_get(g, (ou * cnt + k) * inner + in));
                }
            }
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_AMAX: case OP_AMIN: { /* torch's scale_grad_by_count: (g / ties) where x == result */
        uint32_t mask = (uint32_t)n->ip[0];
        int64_t *ties = mem_alloc(sizeof(int64_t) * (size_t)(B->numel + 1));
        if (!ties) goto fail;
        memset(ties, 0, sizeof(int64_t) * (size_t)(B->numel + 1));
        for (int64_t i = 0; i < A->numel; i++) {
            int64_t j = ttorch_reduced_index(A, mask, i);
            ties[j] += tensor_get(A, i) == tensor_get(B, j);
        }
        t1 = zeros_in(I, n, 0);
        bool f32 = A->dtype == DT_FLOAT32;
        for (int64_t i = 0; t1 && i < A->numel; i++) {
            int64_t j = ttorch_reduced_index(A, mask, i);
            if (tensor_get(A, i) != tensor_get(B, j)) continue;
            tensor_set(t1, i, f32 ? (double)((float)tensor_get(g, j) / (float)ties[j]) : tensor_get(g, j) / (double)ties[j]);
        }
        mem_free(ties, sizeof(int64_t) * (size_t)(B->numel + 1));
        if (!t1) goto fail;
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_LOGSUMEXP: { /* g * exp(x - result), the result broadcast back over the reduced dim */
        uint32_t mask = (uint32_t)n->ip[0];
        bool f32 = A->dtype == DT_FLOAT32;
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        /* x - result, then exp through the forward's kernel (its exp is torch's vectorised one) */
        for (int64_t i = 0; i < A->numel; i++) {
            int64_t j = ttorch_reduced_index(A, mask, i);
            tensor_set(t1, i, f32 ? (double)((float)tensor_get(A, i) - (float)tensor_get(B, j)) : tensor_get(A, i) - tensor_get(B, j));
        }
        t2 = tensor_unary(I, OP_EXP, t1, 0, 0);
        if (!t2) goto fail;
        for (int64_t i = 0; i < A->numel; i++) {
            int64_t j = ttorch_reduced_index(A, mask, i);
            double e = tensor_get(t2, i);
            tensor_set(t2, i, f32 ? (double)((float)tensor_get(g, j) * (float)e) : tensor_get(g, j) * e);
        }
        out[0] = t2;
        t2 = NULL;
        break;
    }
    case OP_DIAG: /* the diagonal of g (a 1-D input), or g onto the diagonal (a matrix input) */
        out[0] = finish(I, n, 0, ttorch_diag(I, g, n->ip[0], n->in_ndim[0], n->in_shape[0]));
        if (!out[0]) goto fail;
        break;
    case OP_INVERSE: { /* -(R^T @ (g @ R^T)), R the inverse (torch's formula and order) */
        int64_t nn = B->shape[0];
        t1 = tensor_new(I, B->dtype, FLAVOR_TORCH, 2, B->shape);
        if (!t1) goto fail;
        for (int64_t i = 0; i < nn; i++)
            for (int64_t j = 0; j < nn; j++) tensor_set(t1, i * nn + j, tensor_get(B, j * nn + i));
        t2 = tensor_matmul_op(I, g, t1);
        if (!t2) goto fail;
        t3 = tensor_matmul_op(I, t1, t2);
        if (!t3) goto fail;
        for (int64_t i = 0; i < t3->numel; i++) tensor_set(t3, i, -tensor_get(t3, i));
        out[0] = t3;
        t3 = NULL;
        break;
    }
    case OP_DET: { /* g * det * inverse(A)^T */
        int64_t nn = A->shape[0];
        bool f32 = A->dtype == DT_FLOAT32;
        double gd = f32 ? (double)((float)tensor_get(g, 0) * (float)tensor_get(B, 0)) : tensor_get(g, 0) * tensor_get(B, 0);
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        if (tensor_get(B, 0) != 0) {
            t2 = ttorch_inv_det(I, A, true);
            if (!t2) goto fail;
            for (int64_t i = 0; i < nn; i++)
                for (int64_t j = 0; j < nn; j++) {
                    double r = tensor_get(t2, j * nn + i);
                    tensor_set(t1, i * nn + j, f32 ? (double)((float)gd * (float)r) : gd * r);
                }
        } /* a singular A: zeros, as torch 1.13 gives (its det is 0) */
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_TRACE: { /* g on the main diagonal */
        const int64_t *ish = n->in_shape[0];
        t1 = zeros_in(I, n, 0);
        if (!t1) goto fail;
        double gv = tensor_get(g, 0);
        for (int64_t i = 0; i < ish[0] && i < ish[1]; i++) tensor_set(t1, i * ish[1] + i, gv);
        out[0] = t1;
        t1 = NULL;
        break;
    }
    case OP_REPEAT: { /* each input element gets the sum of its copies */
        int rn = (int)n->ip[0], nd = n->in_ndim[0], lead = rn - nd;
        t1 = tensor_new(I, g->dtype, FLAVOR_TORCH, nd, n->in_shape[0]);
        if (!t1) goto fail;
        for (int64_t i = 0; i < g->numel; i++) {
            int64_t r = i, src = 0, mul = 1;
            for (int d = rn - 1; d >= lead; d--) {
                int64_t xs = n->in_shape[0][d - lead];
                src += (r % g->shape[d]) % xs * mul;
                r /= g->shape[d];
                mul *= xs;
            }
            tensor_set(t1, src, tensor_get(t1, src) + tensor_get(g, i));
        }
        out[0] = finish(I, n, 0, t1);
        t1 = NULL;
        if (!out[0]) goto fail;
        break;
    }
    case OP_CLONE: case OP_TOCOPY:
        out[0] = tensor_copy(I, g, n->in_dtype[0]);
        if (!out[0]) goto fail;
        out[0]->flavor = FLAVOR_TORCH;
        break;
    default:
        err_raise(I, EXC_RuntimeError, "the derivative for '%s' is not implemented", op_name[n->op]);
        goto fail;
    }
    TD(t1); TD(t2); TD(t3);
    return true;
fail:
    TD(t1); TD(t2); TD(t3);
    TD(out[0]); TD(out[1]);
    out[0] = out[1] = NULL;
    if (!err_pending(I)) err_nomem(I);
    return false;
}
