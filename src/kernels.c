/* kernels.c — forward kernels over tensors (prefix kern_), and the random generators.
 *
 * Numerics follow torch 1.13 / NumPy 1.24 on x86-64 (AVX2) so that printed digits agree:
 * float32 data is computed in float32; sums add in the order ATen's SumKernel.cpp adds
 * (cascade levels, 4-way interleaved accumulators, 8-lane vectors), or NumPy's pairwise
 * order for arrays; dot/matmul accumulate with fmaf. */
#include <math.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

/* ---- element access --------------------------------------------------------------- */
static inline double ld_f64(const Tensor *t, const char *base, int64_t off) {
    switch (t->dtype) {
    case DT_BOOL: return ((const uint8_t *)base)[off] ? 1.0 : 0.0;
    case DT_INT64: return (double)((const int64_t *)base)[off];
    case DT_FLOAT32: return ((const float *)base)[off];
    default: return ((const double *)base)[off];
    }
}
static inline float ld_f32(const Tensor *t, const char *base, int64_t off) {
    switch (t->dtype) {
    case DT_BOOL: return ((const uint8_t *)base)[off] ? 1.0f : 0.0f;
    case DT_INT64: return (float)((const int64_t *)base)[off];
    case DT_FLOAT32: return ((const float *)base)[off];
    default: return (float)((const double *)base)[off];
    }
}
static inline int64_t ld_i64(const Tensor *t, const char *base, int64_t off) {
    switch (t->dtype) {
    case DT_BOOL: return ((const uint8_t *)base)[off] ? 1 : 0;
    case DT_INT64: return ((const int64_t *)base)[off];
    case DT_FLOAT32: { float f = ((const float *)base)[off]; return isfinite(f) && fabsf(f) < 9.2e18f ? (int64_t)f : INT64_MIN; }
    default: { double f = ((const double *)base)[off]; return isfinite(f) && fabs(f) < 9.2e18 ? (int64_t)f : INT64_MIN; }
    }
}
static inline bool ld_b(const Tensor *t, const char *base, int64_t off) {
    switch (t->dtype) {
    case DT_BOOL: return ((const uint8_t *)base)[off] != 0;
    case DT_INT64: return ((const int64_t *)base)[off] != 0;
    case DT_FLOAT32: return ((const float *)base)[off] != 0;
    default: return ((const double *)base)[off] != 0;
    }
}

bool kern_poll(Interp *I) {
    if (ag_interrupted) {
        ag_interrupted = 0;
        err_raise(I, EXC_KeyboardInterrupt, "%s", "");
        return false;
    }
    return true;
}
#define POLL_MASK 0x3FFF

/* Walks a shape in row-major order, tracking element offsets of up to 3 strided operands. */
typedef struct {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS], idx[TENSOR_MAX_DIMS];
    int64_t st[3][TENSOR_MAX_DIMS];
    int64_t off[3];
    int n;
} NdIter;

static void it_init(NdIter *it, int ndim, const int64_t *shape, int n, Tensor *const *ts) {
    it->ndim = ndim;
    it->n = n;
    for (int d = 0; d < ndim; d++) { it->shape[d] = shape[d]; it->idx[d] = 0; }
    for (int k = 0; k < n; k++) {
        it->off[k] = ts[k]->offset;
        /* operands may have fewer dims (right-aligned broadcasting) or size-1 dims */
        int sh = ndim - ts[k]->ndim;
        for (int d = 0; d < ndim; d++) {
            int dd = d - sh;
            it->st[k][d] = (dd < 0 || ts[k]->shape[dd] == 1) ? 0 : ts[k]->stride[dd];
        }
    }
}
static inline void it_next(NdIter *it) {
    for (int d = it->ndim - 1; d >= 0; d--) {
        it->idx[d]++;
        for (int k = 0; k < it->n; k++) it->off[k] += it->st[k][d];
        if (it->idx[d] < it->shape[d]) return;
        for (int k = 0; k < it->n; k++) it->off[k] -= it->st[k][d] * it->shape[d];
        it->idx[d] = 0;
    }
}

/* ---- binary elementwise ------------------------------------------------------------ */
static double py_fmod(double a, double b) {
    double m = fmod(a, b);
    if (m != 0) { if ((b < 0) != (m < 0)) m += b; }
    else m = copysign(0.0, b);
    return m;
}
static double py_floordiv(double a, double b) {
    if (b == 0) return a / b;
    double m = fmod(a, b);
    double div = (a - m) / b;
    if (m != 0 && ((b < 0) != (m < 0))) div -= 1.0;
    double fl;
    if (div != 0) { fl = floor(div); if (div - fl > 0.5) fl += 1.0; }
    else fl = copysign(0.0, a / b);
    return fl;
}
static int64_t ipow(int64_t b, int64_t e) {
    int64_t r = 1;
    while (e > 0) { if (e & 1) r = (int64_t)((uint64_t)r * (uint64_t)b); b = (int64_t)((uint64_t)b * (uint64_t)b); e >>= 1; }
    return r;
}

/* The common case in teaching code: float32 + - * / where each operand is either one
 * element or laid out exactly like the output. A tight loop instead of the strided
 * iterator, with the same arithmetic. False: not this case, nothing written. */
static bool binary_f32_fast(OpKind op, const Tensor *a, const Tensor *b, int64_t n, void *out) {
    if (op != OP_ADD && op != OP_SUB && op != OP_MUL && op != OP_DIV) return false;
    bool a1 = a->numel == 1, b1 = b->numel == 1;
    /* an operand with the output's element count broadcasts only over size-1 dims, so its
     * row-major index equals the output's */
    if (!a1 && !(a->dtype == DT_FLOAT32 && a->numel == n && tensor_is_contiguous(a))) return false;
    if (!b1 && !(b->dtype == DT_FLOAT32 && b->numel == n && tensor_is_contiguous(b))) return false;
    /* a one-element operand of another dtype (a NumPy float64 scalar times a float32 array)
     * is converted to float32 once, as the general loop converts it for every element */
    float xs = a1 ? ld_f32(a, a->storage->data, a->offset) : 0, ys = b1 ? ld_f32(b, b->storage->data, b->offset) : 0;
    const float *x = a1 ? &xs : (const float *)a->storage->data + a->offset;
    const float *y = b1 ? &ys : (const float *)b->storage->data + b->offset;
    float *r = out;
    int64_t sa = !a1, sb = !b1;
    switch (op) {
    case OP_ADD: for (int64_t i = 0; i < n; i++) r[i] = x[i * sa] + y[i * sb]; break;
    case OP_SUB: for (int64_t i = 0; i < n; i++) r[i] = x[i * sa] - y[i * sb]; break;
    case OP_MUL: for (int64_t i = 0; i < n; i++) r[i] = x[i * sa] * y[i * sb]; break;
    default: for (int64_t i = 0; i < n; i++) r[i] = x[i * sa] / y[i * sb]; break;
    }
    return true;
}

Tensor *kern_binary(Interp *I, OpKind op, Tensor *a, Tensor *b, DType ct, DType out_dt, int flavor) {
    int ndim = a->ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    if (tensor_same_shape(a, b)) /* nothing to broadcast */
        memcpy(shape, a->shape, sizeof shape);
    else if (!tensor_broadcast_shape(I, a, b, &ndim, shape)) return NULL;
    Tensor *o = tensor_new_empty(I, out_dt, flavor, ndim, shape); /* every element is written below */
    if (!o) return NULL;
    const char *pa = a->storage->data, *pb = b->storage->data;
    int64_t n = o->numel;
    void *po = o->storage->data;
    if (ct == DT_FLOAT32 && out_dt == DT_FLOAT32 && n <= POLL_MASK && binary_f32_fast(op, a, b, n, po))
        return o;
    Tensor *ts[2] = {a, b};
    NdIter it;
    it_init(&it, ndim, shape, 2, ts);
    bool cmp = op == OP_EQ || op == OP_NE || op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE;
    for (int64_t i = 0; i < n; i++, it_next(&it)) {
        if ((i & POLL_MASK) == POLL_MASK && !kern_poll(I)) { val_decref(val_obj(o)); return NULL; }
        int64_t oa = it.off[0], ob = it.off[1];
        if (ct == DT_FLOAT32) {
            float x = ld_f32(a, pa, oa), y = ld_f32(b, pb, ob), r = 0;
            bool c = false;
            switch (op) {
            case OP_ADD: r = x + y; break;
            case OP_SUB: r = x - y; break;
            case OP_MUL: r = x * y; break;
            case OP_DIV: r = x / y; break;
            case OP_POWT: r = powf(x, y); break;
            case OP_MAXIMUM: r = (isnan(x) || isnan(y)) ? NAN : (x > y ? x : y); break;
            case OP_MINIMUM: r = (isnan(x) || isnan(y)) ? NAN : (x < y ? x : y); break;
            case OP_FLOORDIV: r = (float)py_floordiv(x, y); break;
            case OP_MOD: r = (float)py_fmod(x, y); break;
            case OP_EQ: c = x == y; break;
            case OP_NE: c = x != y; break;
            case OP_LT: c = x < y; break;
            case OP_LE: c = x <= y; break;
            case OP_GT: c = x > y; break;
            case OP_GE: c = x >= y; break;
            default: break;
            }
            if (cmp) ((uint8_t *)po)[i] = c;
            else ((float *)po)[i] = r;
        } else if (ct == DT_FLOAT64) {
            double x = ld_f64(a, pa, oa), y = ld_f64(b, pb, ob), r = 0;
            bool c = false;
            switch (op) {
            case OP_ADD: r = x + y; break;
            case OP_SUB: r = x - y; break;
            case OP_MUL: r = x * y; break;
            case OP_DIV: r = x / y; break;
            case OP_POWT: r = pow(x, y); break;
            case OP_MAXIMUM: r = (isnan(x) || isnan(y)) ? NAN : (x > y ? x : y); break;
            case OP_MINIMUM: r = (isnan(x) || isnan(y)) ? NAN : (x < y ? x : y); break;
            case OP_FLOORDIV: r = py_floordiv(x, y); break;
            case OP_MOD: r = py_fmod(x, y); break;
            case OP_EQ: c = x == y; break;
            case OP_NE: c = x != y; break;
            case OP_LT: c = x < y; break;
            case OP_LE: c = x <= y; break;
            case OP_GT: c = x > y; break;
            case OP_GE: c = x >= y; break;
            default: break;
            }
            if (cmp) ((uint8_t *)po)[i] = c;
            else if (out_dt == DT_FLOAT32) ((float *)po)[i] = (float)r;
            else ((double *)po)[i] = r;
        } else if (ct == DT_INT64) {
            int64_t x = ld_i64(a, pa, oa), y = ld_i64(b, pb, ob), r = 0;
            bool c = false;
            switch (op) {
            case OP_ADD: r = (int64_t)((uint64_t)x + (uint64_t)y); break;
            case OP_SUB: r = (int64_t)((uint64_t)x - (uint64_t)y); break;
            case OP_MUL: r = (int64_t)((uint64_t)x * (uint64_t)y); break;
            case OP_POWT:
                if (y < 0) {
                    val_decref(val_obj(o));
                    err_raise(I, EXC_RuntimeError, "Integers to negative integer powers are not allowed.");
                    return NULL;
                }
                r = ipow(x, y); break;
            case OP_MAXIMUM: r = x > y ? x : y; break;
            case OP_MINIMUM: r = x < y ? x : y; break;
            case OP_BITAND: r = x & y; break;
            case OP_BITOR: r = x | y; break;
            case OP_BITXOR: r = x ^ y; break;
            /* shift counts outside 0..63: torch (x86) uses the low 6 bits, NumPy shifts everything out */
            case OP_LSHIFT:
                if (flavor == FLAVOR_TORCH) r = (int64_t)((uint64_t)x << (y & 63));
                else r = (y < 0 || y > 63) ? 0 : (int64_t)((uint64_t)x << y);
                break;
            case OP_RSHIFT:
                if (flavor == FLAVOR_TORCH) r = x >> (y & 63);
                else r = (y < 0 || y > 63) ? (x < 0 ? -1 : 0) : x >> y;
                break;
            case OP_FLOORDIV: case OP_MOD:
                if (y == 0) {
                    if (flavor == FLAVOR_TORCH) {
                        val_decref(val_obj(o));
                        err_raise(I, EXC_RuntimeError, "ZeroDivisionError");
                        return NULL;
                    }
                    r = 0;
                } else if (x == INT64_MIN && y == -1) {
                    r = op == OP_MOD ? 0 : x;
                } else {
                    int64_t q = x / y, m = x % y;
                    if (m != 0 && ((m < 0) != (y < 0))) { q--; m += y; }
                    r = op == OP_MOD ? m : q;
                }
                break;
            case OP_EQ: c = x == y; break;
            case OP_NE: c = x != y; break;
            case OP_LT: c = x < y; break;
            case OP_LE: c = x <= y; break;
            case OP_GT: c = x > y; break;
            case OP_GE: c = x >= y; break;
            default: break;
            }
            if (cmp) ((uint8_t *)po)[i] = c;
            else ((int64_t *)po)[i] = r;
        } else { /* bool */
            bool x = ld_b(a, pa, oa), y = ld_b(b, pb, ob), r = false;
            switch (op) {
            case OP_ADD: case OP_MAXIMUM: r = x || y; break;
            case OP_MUL: case OP_MINIMUM: r = x && y; break;
            case OP_BITOR: r = x || y; break;
            case OP_BITAND: r = x && y; break;
            case OP_BITXOR: r = x != y; break;
            case OP_EQ: r = x == y; break;
            case OP_NE: r = x != y; break;
            case OP_LT: r = x < y; break;
            case OP_LE: r = x <= y; break;
            case OP_GT: r = x > y; break;
            case OP_GE: r = x >= y; break;
            default: r = false; break;
            }
            ((uint8_t *)po)[i] = r;
        }
    }
    return o;
}

/* ---- unary elementwise ------------------------------------------------------------- */
/* torch's float32 exp/tanh on AVX2 go through SLEEF (Sleef_expf8_u10, Sleef_tanhf8_u10),
 * which can differ from libm by an ulp; these are the same algorithms one lane at a time
 * (vmla is a fused multiply-add in the AVX2 build). */
static float sleef_ldexp2f(float d, int32_t e) {
    return d * ldexpf(1.0f, e >> 1) * ldexpf(1.0f, e - (e >> 1));
}
static float sleef_expf(float d) {
    if (isnan(d)) return d;
    if (d > 100) return INFINITY;
    if (d < -104) return 0.0f;
    int32_t q = (int32_t)rintf(d * 1.442695040888963407359924681001892137426645954152985934135449406931f);
    float s, u;
    s = fmaf((float)q, -0.693145751953125f, d);
    s = fmaf((float)q, -1.428606765330187045e-06f, s);
    u = 0.000198527617612853646278381f;
    u = fmaf(u, s, 0.00139304355252534151077271f);
    u = fmaf(u, s, 0.00833336077630519866943359f);
    u = fmaf(u, s, 0.0416664853692054748535156f);
    u = fmaf(u, s, 0.166666671633720397949219f);
    u = fmaf(u, s, 0.5f);
    u = 1.0f + fmaf(s * s, u, s);
    u = sleef_ldexp2f(u, q);
    if (d < -104) u = 0;
    if (d > 100) u = INFINITY;
    if (isnan(d)) u = NAN;
    return u;
}
/* NumPy 1.24's AVX2/FMA3 float32 exp (loops_exponent_log.dispatch.c.src): Cody-Waite
 * reduction, then a [5/2] rational approximation, then scaling by 2^q. */
static float np_expf(float x) {
    if (isnan(x)) return x;
    if (x >= 88.72283935546875f) return INFINITY;
    if (x <= -103.97208404541015625f) return 0.0f;
    float q = x * 1.442695040888963407359924681001892137f;
    q = (q + 0x1.800000p+23f) - 0x1.800000p+23f;
    float r = fmaf(q, -6.93145752e-1f, x);
    r = fmaf(q, -1.42860677e-6f, r);
    r = fmaf(q, 0.0f, r);
    float num = 5.082762527590693718096e-04f;
    num = fmaf(num, r, 6.757896990527504603057e-03f);
    num = fmaf(num, r, 5.114512081637298353406e-02f);
    num = fmaf(num, r, 2.473615434895520810817e-01f);
    num = fmaf(num, r, 7.257664613233124478488e-01f);
    num = fmaf(num, r, 9.999999999980870924916e-01f);
    float den = 2.159509375685829852307e-02f;
    den = fmaf(den, r, -2.742335390411667452936e-01f);
    den = fmaf(den, r, 1.0f);
    float poly = num / den;
    if (q <= -125.0f) return ldexpf(poly, (int)q);
    uint32_t b;
    memcpy(&b, &poly, 4);
    b += (uint32_t)(int32_t)q << 23;
    memcpy(&poly, &b, 4);
    return poly;
}
/* NumPy 1.24's AVX2/FMA3 float32 log: mantissa in [sqrt(1/2), sqrt(2)), a [5/5] rational
 * approximation of log(1+x), plus k*ln(2). */
static float np_logf(float xin) {
    if (isnan(xin)) return xin;
    if (xin < 0) return -NAN;
    if (xin == 0) return -INFINITY;
    if (isinf(xin)) return INFINITY;
    float x = xin;
    float expo;
    uint32_t b;
    if (x < 1.175494351e-38f) {
        x *= 0x1p100f;
        memcpy(&b, &x, 4);
        expo = (float)((int32_t)(b >> 23) - 0x7E) - 100.0f;
    } else {
        memcpy(&b, &x, 4);
        expo = (float)((int32_t)(b >> 23) - 0x7E);
    }
    b = (b & 0x7fffffu) | (126u << 23);
    memcpy(&x, &b, 4);
    if (x <= 0.707106781186547524400844362104849039f) { x = x + x; expo = expo - 1.0f; }
    x = x - 1.0f;
    float num = fmaf(2.589979117907922693523e-02f, x, 3.808837741388407920751e-01f);
    num = fmaf(num, x, 1.480000633576506585156e+00f);
    num = fmaf(num, x, 2.112677543073053063722e+00f);
    num = fmaf(num, x, 9.999999999999998702752e-01f);
    num = fmaf(num, x, 0.0f);
    float den = fmaf(5.875095403124574342950e-03f, x, 1.546476374983906719538e-01f);
    den = fmaf(den, x, 9.864942958519418960339e-01f);
    den = fmaf(den, x, 2.453006071784736363091e+00f);
    den = fmaf(den, x, 2.612677543073109236779e+00f);
    den = fmaf(den, x, 1.0f);
    return fmaf(expo, 0.693147180559945309417232121458176568f, num / den);
}
/* NumPy 1.24's SIMD float32 sin/cos (loops_trigonometric.dispatch.c.src): Cody-Waite
 * reduction by pi/2, then minimax polynomials picked and signed by the quadrant; libm for
 * large arguments. */
static float np_sincosf(float x, bool cosine) {
    if (isnan(x)) return x;
    if (!(fabsf(x) <= (cosine ? 71476.0625f : 117435.992f))) return cosine ? cosf(x) : sinf(x);
    float q = x * 0x1.45f306p-1f;
    q = (q + 0x1.800000p+23f) - 0x1.800000p+23f;
    float r = fmaf(q, -0x1.921fb0p+00f, x);
    r = fmaf(q, -0x1.5110b4p-22f, r);
    r = fmaf(q, -0x1.846988p-48f, r);
    float r2 = r * r;
    float c = fmaf(0x1.98e616p-16f, r2, -0x1.6c06dcp-10f);
    c = fmaf(c, r2, 0x1.55553cp-05f);
    c = fmaf(c, r2, -0x1.000000p-01f);
    c = fmaf(c, r2, 0x1.000000p+00f);
    float sn = fmaf(0x1.7d3bbcp-19f, r2, -0x1.a06bbap-13f);
    sn = fmaf(sn, r2, 0x1.11119ap-07f);
    sn = fmaf(sn, r2, -0x1.555556p-03f);
    sn = fmaf(sn, r2, 0.0f);
    sn = fmaf(sn, r, r);
    uint32_t iq = (uint32_t)(int32_t)rintf(q);
    if (cosine) iq += 1;
    float v = (iq & 1) == 0 ? sn : c;
    if ((iq & 2) == 2) v = 0.0f - v;
    return v;
}
/* SLEEF's u10 log/sin/cos for float (double-float arithmetic with FMA), as torch's AVX2
 * build runs them. Arguments beyond SLEEF's fast range reduction (|x| >= 125 for sin/cos)
 * fall back to a double-precision evaluation, which agrees to within an ulp. */
typedef struct { float x, y; } F2;
static F2 f2mk(float x, float y) { F2 r = {x, y}; return r; }
static F2 df_add_ff(float x, float y) { float s = x + y; return f2mk(s, (x - s) + y); }
static F2 df_add2_ff(float x, float y) { float s = x + y, v = s - x; return f2mk(s, (x - (s - v)) + (y - v)); }
static F2 df_add_ff2(float x, F2 y) { float s = x + y.x; return f2mk(s, ((x - s) + y.x) + y.y); }
static F2 df_add_f2f(F2 x, float y) { float s = x.x + y; return f2mk(s, ((x.x - s) + y) + x.y); }
static F2 df_add2_f2f(F2 x, float y) {
    float s = x.x + y, v = s - x.x;
    float t = (x.x - (s - v)) + (y - v);
    return f2mk(s, t + x.y);
}
static F2 df_add_f2f2(F2 x, F2 y) { float s = x.x + y.x; return f2mk(s, (((x.x - s) + y.x) + x.y) + y.y); }
static F2 df_scale(F2 d, float s) { return f2mk(d.x * s, d.y * s); }
static F2 df_mul_f2f(F2 x, float y) { float s = x.x * y; return f2mk(s, fmaf(x.y, y, fmaf(x.x, y, -s))); }
static F2 df_mul_f2f2(F2 x, F2 y) {
    float s = x.x * y.x;
    return f2mk(s, fmaf(x.x, y.y, fmaf(x.y, y.x, fmaf(x.x, y.x, -s))));
}
static float df_mul_f_f2f2(F2 x, F2 y) { return fmaf(x.x, y.x, fmaf(x.y, y.x, x.x * y.y)); }
static F2 df_squ(F2 x) { float s = x.x * x.x; return f2mk(s, fmaf(x.x + x.x, x.y, fmaf(x.x, x.x, -s))); }
static F2 df_div(F2 n, F2 d) {
    float t = 1.0f / d.x, s = n.x * t;
    float u = fmaf(t, n.x, -s);
    float v = fmaf(-d.y, t, fmaf(-d.x, t, 1.0f));
    return f2mk(s, fmaf(s, v, fmaf(n.y, t, u)));
}
static float sleef_logf(float d) {
    if (isnan(d) || d < 0) return NAN;
    if (d == 0) return -INFINITY;
    if (isinf(d)) return INFINITY;
    bool o = d < 1.17549435e-38f;
    if (o) d = d * ((float)(1LL << 32) * (float)(1LL << 32));
    float de = d * (1.0f / 0.75f);
    uint32_t b;
    memcpy(&b, &de, 4);
    int32_t e = (int32_t)((b >> 23) & 0xff) - 0x7f;
    memcpy(&b, &d, 4);
    b = b + ((uint32_t)(-e) << 23);
    float m;
    memcpy(&m, &b, 4);
    if (o) e -= 64;
    F2 s = df_mul_f2f(f2mk(0.69314718246459960938f, -1.904654323148236017e-09f), (float)e);
    F2 x = df_div(df_add2_ff(-1.0f, m), df_add2_ff(1.0f, m));
    float x2 = x.x * x.x;
    float t = 0.3027294874e+0f;
    t = fmaf(t, x2, 0.3996108174e+0f);
    t = fmaf(t, x2, 0.6666694880e+0f);
    s = df_add_f2f2(s, df_scale(x, 2.0f));
    s = df_add_f2f(s, (x2 * x.x) * t);
    return s.x + s.y;
}
static float sleef_sincos_poly(F2 s0) {
    F2 t = s0, s = df_squ(s0);
    float u = 2.6083159809786593541503e-06f;
    u = fmaf(u, s.x, -0.0001981069071916863322258f);
    u = fmaf(u, s.x, 0.00833307858556509017944336f);
    F2 x = df_add_ff2(1.0f, df_mul_f2f2(df_add_ff(-0.166666597127914428710938f, u * s.x), s));
    return df_mul_f_f2f2(t, x);
}
static float sleef_sinf(float d) {
    if (!(fabsf(d) < 125.0f)) return isfinite(d) ? (float)sin((double)d) : NAN;
    float u = rintf(d * (float)0.318309886183790671538);
    int32_t q = (int32_t)u;
    float v = fmaf(u, -3.1414794921875f, d);
    F2 s = df_add2_ff(v, u * -0.00011315941810607910156f);
    s = df_add_f2f(s, u * -1.9841872589410058936e-09f);
    float r = sleef_sincos_poly(s);
    if (q & 1) r = -r;
    if (d == 0 && signbit(d)) r = d;
    return r;
}
static float sleef_cosf(float d) {
    if (!(fabsf(d) < 125.0f)) return isfinite(d) ? (float)cos((double)d) : NAN;
    float dq = fmaf(rintf(fmaf(d, (float)0.318309886183790671538, -0.5f)), 2.0f, 1.0f);
    int32_t q = (int32_t)rintf(dq);
    F2 s = df_add2_ff(d, dq * (-3.1414794921875f * 0.5f));
    s = df_add2_f2f(s, dq * (-0.00011315941810607910156f * 0.5f));
    s = df_add2_f2f(s, dq * (-1.9841872589410058936e-09f * 0.5f));
    float r = sleef_sincos_poly(s);
    if ((q & 2) == 0) r = -r;
    return r;
}
/* SLEEF's 1-ulp tanh: exp in double-float (expk2f), then (e - 1/e) / (e + 1/e). */
static F2 df_rec_f2(F2 d) {
    float s = 1.0f / d.x;
    return f2mk(s, s * fmaf(-d.y, s, fmaf(-d.x, s, 1.0f)));
}
static F2 df_add2_f2f2(F2 x, F2 y) {
    float s = x.x + y.x, v = s - x.x;
    float t = (x.x - (s - v)) + (y.x - v);
    return f2mk(s, t + (x.y + y.y));
}
static F2 sleef_expk2f(F2 d) {
    float u = (d.x + d.y) * 1.442695040888963407359924681001892137426645954152985934135449406931f;
    int32_t q = (int32_t)rintf(u);
    F2 s = df_add2_f2f(d, (float)q * -0.693145751953125f);
    s = df_add2_f2f(s, (float)q * -1.428606765330187045e-06f);
    u = 0.1980960224e-3f;
    u = fmaf(u, s.x, 0.1394256484e-2f);
    u = fmaf(u, s.x, 0.8333456703e-2f);
    u = fmaf(u, s.x, 0.4166637361e-1f);
    F2 t = df_add2_f2f(df_mul_f2f(s, u), 0.166666659414234244790680580464e+0f);
    t = df_add2_f2f(df_mul_f2f2(s, t), 0.5f);
    t = df_add2_f2f2(s, df_mul_f2f2(df_squ(s), t));
    t = df_add_ff2(1.0f, t);
    t.x = sleef_ldexp2f(t.x, q);
    t.y = sleef_ldexp2f(t.y, q);
    if (d.x < -104) t.x = t.y = 0;
    return t;
}
static float sleef_tanhf(float x) {
    if (isnan(x)) return x;
    if (fabsf(x) > 8.664339742f) return copysignf(1.0f, x);
    float y = fabsf(x);
    F2 d = sleef_expk2f(f2mk(y, 0));
    F2 e = df_rec_f2(d);
    d = df_div(df_add2_f2f2(d, f2mk(-e.x, -e.y)), df_add2_f2f2(d, e));
    y = d.x + d.y;
    if (fabsf(x) > 8.664339742f || isnan(y)) y = 1.0f;
    y = copysignf(y, x);
    if (isnan(x)) y = NAN;
    return y;
}

enum { KU_HAS_MIN = 1, KU_HAS_MAX = 2, KU_NUMPY = 4 };

static float powf_scalar(float x, double p, bool numpy) {
    if (p == 2.0) return x * x;
    if (p == 0.5) return sqrtf(x);
    if (p == -1.0) return 1.0f / x;
    if (p == 1.0) return x;
    if (!numpy) {
        if (p == 3.0) return x * x * x;
        if (p == -2.0) return 1.0f / (x * x);
        if (p == -0.5) return 1.0f / sqrtf(x);
        if (p == 0.0) return 1.0f;
    }
    return powf(x, (float)p);
}
static double pow_scalar(double x, double p, bool numpy) {
    if (p == 2.0) return x * x;
    if (p == 0.5) return sqrt(x);
    if (p == -1.0) return 1.0 / x;
    if (p == 1.0) return x;
    if (!numpy) {
        if (p == 3.0) return x * x * x;
        if (p == -2.0) return 1.0 / (x * x);
        if (p == -0.5) return 1.0 / sqrt(x);
        if (p == 0.0) return 1.0;
    }
    return pow(x, p);
}

Tensor *kern_unary(Interp *I, OpKind op, Tensor *a, DType dt, double p, double q, int flags) {
    DType odt = (op == OP_NOT) ? DT_BOOL : dt;
    Tensor *o = tensor_new_empty(I, odt, a->flavor, a->ndim, a->shape); /* every element is written below */
    if (!o) return NULL;
    const char *pa = a->storage->data;
    void *po = o->storage->data;
    bool numpy = (flags & KU_NUMPY) != 0;
    /* float32 x ** 2 and -x over contiguous data (a loss's square, a sub's grad): no iterator */
    if (dt == DT_FLOAT32 && a->dtype == DT_FLOAT32 && (op == OP_NEG || (op == OP_POW && p == 2.0)) &&
        tensor_is_contiguous(a)) {
        const float *x = (const float *)pa + a->offset;
        float *r = po;
        if (op == OP_NEG) for (int64_t i = 0; i < o->numel; i++) r[i] = -x[i];
        else for (int64_t i = 0; i < o->numel; i++) r[i] = x[i] * x[i];
        return o;
    }
    NdIter it;
    it_init(&it, a->ndim, a->shape, 1, &a);
    /* torch's vectorized loops take 16 floats at a time; the tail runs the scalar (libm) path */
    int64_t vec_end = o->numel - o->numel % 16;
    for (int64_t i = 0; i < o->numel; i++, it_next(&it)) {
        if ((i & POLL_MASK) == POLL_MASK && !kern_poll(I)) { val_decref(val_obj(o)); return NULL; }
        int64_t off = it.off[0];
        if (op == OP_NOT) { ((uint8_t *)po)[i] = !ld_b(a, pa, off); continue; }
        if (dt == DT_FLOAT32) {
            float x = ld_f32(a, pa, off), r = x;
            switch (op) {
            case OP_NEG: r = -x; break;
            case OP_EXP: r = numpy ? np_expf(x) : sleef_expf(x); break;
            case OP_LOG: r = numpy ? np_logf(x) : sleef_logf(x); break;
            case OP_SQRT: r = sqrtf(x); break;
            case OP_ABS: r = fabsf(x); break;
            case OP_SIN: r = numpy ? np_sincosf(x, false) : sleef_sinf(x); break;
            case OP_COS: r = numpy ? np_sincosf(x, true) : sleef_cosf(x); break;
            case OP_TANH: r = numpy ? tanhf(x) : sleef_tanhf(x); break;
            case OP_SIGMOID: r = 1.0f / (1.0f + (!numpy && i < vec_end ? sleef_expf(-x) : expf(-x))); break;
            case OP_RELU: r = x < 0 ? 0.0f : x; /* torch keeps -0 and NaN */ break;
            case OP_CLAMP:
                if (isnan(x)) break;
                if ((flags & KU_HAS_MIN) && x < (float)p) r = (float)p;
                if ((flags & KU_HAS_MAX) && r > (float)q) r = (float)q;
                break;
            case OP_POW: r = powf_scalar(x, p, numpy); break;
            case OP_RDIV: r = (1.0f / x) * (float)p; break;
            default: break;
            }
            ((float *)po)[i] = r;
        } else if (dt == DT_FLOAT64) {
            double x = ld_f64(a, pa, off), r = x;
            switch (op) {
            case OP_NEG: r = -x; break;
            case OP_EXP: r = exp(x); break;
            case OP_LOG: r = log(x); break;
            case OP_SQRT: r = sqrt(x); break;
            case OP_ABS: r = fabs(x); break;
            case OP_SIN: r = sin(x); break;
            case OP_COS: r = cos(x); break;
            case OP_TANH: r = tanh(x); break;
            case OP_SIGMOID: r = 1.0 / (1.0 + exp(-x)); break;
            case OP_RELU: r = x < 0 ? 0.0 : x; break;
            case OP_CLAMP:
                if (isnan(x)) break;
                if ((flags & KU_HAS_MIN) && x < p) r = p;
                if ((flags & KU_HAS_MAX) && r > q) r = q;
                break;
            case OP_POW: r = pow_scalar(x, p, numpy); break;
            case OP_RDIV: r = numpy ? p / x : (1.0 / x) * p; break;
            default: break;
            }
            ((double *)po)[i] = r;
        } else if (dt == DT_INT64) {
            int64_t x = ld_i64(a, pa, off), r = x;
            switch (op) {
            case OP_NEG: r = (int64_t)(0 - (uint64_t)x); break;
            case OP_ABS: r = x < 0 ? (int64_t)(0 - (uint64_t)x) : x; break;
            case OP_RELU: r = x > 0 ? x : 0; break;
            case OP_CLAMP:
                if ((flags & KU_HAS_MIN) && (double)x < p) r = p > 9.2e18 ? INT64_MAX : (int64_t)p;
                if ((flags & KU_HAS_MAX) && (double)r > q) r = q < -9.2e18 ? INT64_MIN : (int64_t)q;
                break;
            case OP_POW:
                if (p < 0) {
                    val_decref(val_obj(o));
                    err_raise(I, EXC_RuntimeError, "Integers to negative integer powers are not allowed.");
                    return NULL;
                }
                r = ipow(x, p > 1e18 ? (int64_t)1e18 : (int64_t)p); break;
            default: break;
            }
            ((int64_t *)po)[i] = r;
        } else {
            bool x = ld_b(a, pa, off);
            ((uint8_t *)po)[i] = x;
        }
    }
    return o;
}

/* ---- sums --------------------------------------------------------------------------- */
/* ATen's cascade sum (SumKernel.cpp), written for scalars. A Vectorized<float> of W lanes
 * is modelled as W independent columns; `coloff[c]` is column c's element offset. */
static int64_t ceil_log2(int64_t x) {
    if (x <= 2) return 1;
    return (64 - __builtin_clzll((uint64_t)(x - 1) )) ;
}

#define DEF_CASCADE(T, SUF)                                                                     \
static void multi_row_sum_##SUF(const T *data, int64_t row_stride, const int64_t *coloff,       \
                                int ncols, int64_t size, T *out) {                               \
    enum { NL = 4 };                                                                             \
    int64_t lp = ceil_log2(size) / NL;                                                           \
    if (lp < 4) lp = 4;                                                                          \
    const int64_t step = (int64_t)1 << lp, mask0 = step - 1;                                     \
    T acc[NL][32];                                                                               \
    for (int j = 0; j < NL; j++) for (int k = 0; k < ncols; k++) acc[j][k] = 0;                  \
    int64_t i = 0;                                                                               \
    while (i + step <= size) {                                                                   \
        for (int64_t j = 0; j < step; ++j, ++i) {                                                \
            const T *base = data + i * row_stride;                                               \
            for (int k = 0; k < ncols; k++) acc[0][k] += base[coloff[k]];                        \
        }                                                                                        \
        for (int j = 1; j < NL; ++j) {                                                           \
            for (int k = 0; k < ncols; k++) { acc[j][k] += acc[j - 1][k]; acc[j - 1][k] = 0; }   \
            int64_t m = mask0 << (j * lp);                                                       \
            if ((i & m) != 0) break;                                                             \
        }                                                                                        \
    }                                                                                            \
    for (; i < size; ++i) {                                                                      \
        const T *base = data + i * row_stride;                                                   \
        for (int k = 0; k < ncols; k++) acc[0][k] += base[coloff[k]];                            \
    }                                                                                            \
    for (int j = 1; j < NL; ++j)                                                                 \
        for (int k = 0; k < ncols; k++) acc[0][k] += acc[j][k];                                  \
    for (int k = 0; k < ncols; k++) out[k] = acc[0][k];                                          \
}                                                                                                \
/* row_sum: 4-way instruction-level parallelism over "vectors" of `lanes` elements */            \
static void row_sum_##SUF(const T *data, int64_t stride, int lanes, int64_t size, T *out) {      \
    int64_t coloff[32];                                                                          \
    for (int k = 0; k < 4; k++)                                                                  \
        for (int l = 0; l < lanes; l++) coloff[k * lanes + l] = k * stride + l;                  \
    int64_t size_ilp = size / 4;                                                                 \
    T part[32];                                                                                  \
    multi_row_sum_##SUF(data, stride * 4, coloff, 4 * lanes, size_ilp, part);                    \
    for (int64_t i = size_ilp * 4; i < size; ++i)                                                \
        for (int l = 0; l < lanes; l++) part[l] += data[i * stride + l];                         \
    for (int k = 1; k < 4; ++k)                                                                  \
        for (int l = 0; l < lanes; l++) part[l] += part[k * lanes + l];                          \
    for (int l = 0; l < lanes; l++) out[l] = part[l];                                            \
}                                                                                                \
/* a contiguous row of n elements (vectorized_inner_sum / scalar_inner_sum) */                   \
static T inner_sum_##SUF(const T *row, int64_t n, int W) {                                       \
    T zero = 0;                                                                                  \
    if (n < W) {                                                                                 \
        /* row_sum(row, 1, 1, n) written out for n < 8 (the same additions in the same order,   \
         * zeros included): its cascade set-up cost more than the sum of a 4-element loss */    \
        T p[4] = {0, 0, 0, 0};                                                                   \
        int64_t i = 0;                                                                           \
        if (n >= 4) {                                                                            \
            for (int k = 0; k < 4; k++) { p[k] += row[k]; p[k] += zero; p[k] += zero; p[k] += zero; } \
            i = 4;                                                                               \
        }                                                                                        \
        for (; i < n; ++i) p[0] += row[i];                                                       \
        for (int k = 1; k < 4; ++k) p[0] += p[k];                                                \
        return zero + p[0];                                                                      \
    }                                                                                            \
    int64_t vec_size = n / W;                                                                    \
    T vacc[32];                                                                                  \
    row_sum_##SUF(row, W, W, vec_size, vacc);                                                    \
    T fin = 0;                                                                                   \
    for (int64_t k = vec_size * W; k < n; ++k) fin += row[k];                                    \
    for (int l = 0; l < W; l++) fin += vacc[l];                                                  \
    return zero + fin;                                                                           \
}                                                                                                \
/* reduce dim 0 of a [size0, size1] block whose columns are contiguous (outer reduction) */      \
static void outer_sum_##SUF(const T *in, int64_t size0, int64_t size1, int W, T *out) {          \
    int64_t j = 0;                                                                               \
    int64_t coloff[32];                                                                          \
    T tmp[32];                                                                                   \
    int blk = size1 >= W ? 4 * W : 4;                                                            \
    for (int k = 0; k < blk; k++) coloff[k] = k;                                                 \
    for (; j + blk <= size1; j += blk) {                                                         \
        multi_row_sum_##SUF(in + j, size1, coloff, blk, size0, tmp);                             \
        for (int k = 0; k < blk; k++) out[j + k] = 0 + tmp[k];                                   \
    }                                                                                            \
    if (size1 >= W)                                                                              \
        for (; j + W <= size1; j += W) {                                                         \
            row_sum_##SUF(in + j, size1, W, size0, tmp);                                         \
            for (int k = 0; k < W; k++) out[j + k] = 0 + tmp[k];                                 \
        }                                                                                        \
    for (; j < size1; j++) {                                                                     \
        row_sum_##SUF(in + j, size1, 1, size0, tmp);                                             \
        out[j] = 0 + tmp[0];                                                                     \
    }                                                                                            \
}
DEF_CASCADE(float, f32)
DEF_CASCADE(double, f64)

float kern_cascade_f32(const float *a, int64_t n) { return inner_sum_f32(a, n, 8); }

/* NumPy's pairwise summation (loops_utils.h.src), blocks of 128 with 8 accumulators. */
#define DEF_PAIRWISE(T, SUF)                                                                     \
static T pairwise_##SUF(const T *a, int64_t n, int64_t stride) {                                 \
    if (n < 8) {                                                                                 \
        T res = 0;                                                                               \
        for (int64_t i = 0; i < n; i++) res += a[i * stride];                                    \
        return res;                                                                              \
    } else if (n <= 128) {                                                                       \
        T r[8], res;                                                                             \
        int64_t i;                                                                               \
        for (int k = 0; k < 8; k++) r[k] = a[k * stride];                                        \
        for (i = 8; i < n - (n % 8); i += 8)                                                     \
            for (int k = 0; k < 8; k++) r[k] += a[(i + k) * stride];                             \
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));                 \
        for (; i < n; i++) res += a[i * stride];                                                 \
        return res;                                                                              \
    } else {                                                                                     \
        int64_t n2 = n / 2;                                                                      \
        n2 -= n2 % 8;                                                                            \
        return pairwise_##SUF(a, n2, stride) + pairwise_##SUF(a + n2 * stride, n - n2, stride);  \
    }                                                                                            \
}
DEF_PAIRWISE(float, f32)
DEF_PAIRWISE(double, f64)
double kern_pairwise_f64(const double *a, int64_t n, int64_t stride) { return pairwise_f64(a, n, stride); }

Tensor *kern_sum(Interp *I, Tensor *a, uint32_t mask, bool keepdim, DType dt, bool numpy_order) {
    int nd = a->ndim;
    mask &= (nd >= 32 ? 0xFFFFFFFFu : ((1u << nd) - 1));
    /* The whole of a contiguous float tensor (a loss's mean): one row, summed in place. The
     * general path below takes the same branch after its set-up. */
    if (nd && mask == (1u << nd) - 1 && a->numel && a->dtype == dt && (dt == DT_FLOAT32 || dt == DT_FLOAT64) &&
        tensor_is_contiguous(a)) {
        int64_t ones[TENSOR_MAX_DIMS];
        for (int d = 0; d < nd; d++) ones[d] = 1;
        Tensor *o = tensor_new_empty(I, dt, a->flavor, keepdim ? nd : 0, ones);
        if (!o) return NULL;
        int64_t R = a->numel;
        if (dt == DT_FLOAT32) {
            const float *row = (const float *)a->storage->data + a->offset;
            *(float *)o->storage->data = numpy_order ? pairwise_f32(row, R, 1) : inner_sum_f32(row, R, 8);
        } else {
            const double *row = (const double *)a->storage->data + a->offset;
            *(double *)o->storage->data = numpy_order ? pairwise_f64(row, R, 1) : inner_sum_f64(row, R, 4);
        }
        return o;
    }
    /* out shape */
    int ond = 0;
    int64_t oshape[TENSOR_MAX_DIMS] = {0};
    for (int d = 0; d < nd; d++) {
        if (mask & (1u << d)) { if (keepdim) oshape[ond++] = 1; }
        else oshape[ond++] = a->shape[d];
    }
    /* every path below writes every output element once there is something to sum */
    Tensor *o = a->numel ? tensor_new_empty(I, dt, a->flavor, ond, oshape) : tensor_new(I, dt, a->flavor, ond, oshape);
    if (!o) return NULL;
    /* permute to [kept..., reduced...] and make contiguous in dt */
    int perm[TENSOR_MAX_DIMS], np_ = 0;
    int64_t K = 1, R = 1;
    for (int d = 0; d < nd; d++) if (!(mask & (1u << d))) { perm[np_++] = d; K *= a->shape[d]; }
    for (int d = 0; d < nd; d++) if (mask & (1u << d)) { perm[np_++] = d; R *= a->shape[d]; }
    /* Is the reduced set a leading block (outer reduction) in the original layout? */
    bool leading = true, trailing = true;
    for (int d = 0; d < nd; d++) {
        bool red = mask & (1u << d);
        int nred_before = __builtin_popcount(mask & ((1u << d) - 1));
        if (red && nred_before != d) leading = false;
        if (!red && nred_before != 0) trailing = false;
    }
    /* one run of reduced dims with kept dims on both sides: [O, R, Inn] blocks, each an
     * outer reduction in torch's kernel */
    if (!trailing) {
        /* NumPy's iterator and torch's TensorIterator both drop size-1 dims: (100, 1) over axis 0
         * is an inner (pairwise / cascade) reduction */
        bool seen_red = false, t2 = true;
        for (int d = 0; d < nd; d++) {
            if (a->shape[d] == 1) continue;
            if (mask & (1u << d)) seen_red = true;
            else if (seen_red) t2 = false;
        }
        if (t2) trailing = true;
    }
    int first = -1, last = -1;
    for (int d = 0; d < nd; d++) if (mask & (1u << d)) { if (first < 0) first = d; last = d; }
    bool run = first >= 0 && __builtin_popcount(mask) == last - first + 1;
    /* contiguous, original order; an input already so is read in place (c_off: its offset) */
    bool in_place = a->dtype == dt && tensor_is_contiguous(a);
    Tensor *c = in_place ? (obj_incref(&a->h), a) : tensor_copy(I, a, dt);
    if (!c) { val_decref(val_obj(o)); return NULL; }
    int64_t c_off = in_place ? a->offset : 0;
    if (run && !trailing && !leading && !numpy_order && (dt == DT_FLOAT32 || dt == DT_FLOAT64)) {
        int64_t O = 1, Inn = 1;
        for (int d = 0; d < first; d++) O *= a->shape[d];
        for (int d = last + 1; d < nd; d++) Inn *= a->shape[d];
        for (int64_t oi = 0; oi < O; oi++) {
            if (dt == DT_FLOAT32)
                outer_sum_f32((const float *)c->storage->data + c_off + oi * R * Inn, R, Inn, 8, (float *)o->storage->data + oi * Inn);
            else
                outer_sum_f64((const double *)c->storage->data + c_off + oi * R * Inn, R, Inn, 4, (double *)o->storage->data + oi * Inn);
        }
        val_decref(val_obj(c));
        return o;
    }
    Tensor *src = c;
    /* NumPy reduces a non-innermost axis by adding whole rows in order: sequential per column */
    bool np_seq = numpy_order && !trailing;
    if (!trailing && !(leading && !numpy_order)) {
        int64_t sh[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS];
        for (int d = 0; d < nd; d++) { sh[d] = c->shape[perm[d]]; st[d] = c->stride[perm[d]]; }
        Tensor *v = tensor_view(I, c, nd, sh, st, c_off);
        if (!v) { val_decref(val_obj(c)); val_decref(val_obj(o)); return NULL; }
        src = tensor_copy(I, v, dt);
        val_decref(val_obj(v));
        val_decref(val_obj(c));
        if (!src) { val_decref(val_obj(o)); return NULL; }
        c_off = 0;
        trailing = true;
        leading = false;
    }
    void *in = (char *)src->storage->data + c_off * dtype_size[dt], *out = o->storage->data;
    if (mask == 0) {
        memcpy(out, in, (size_t)o->numel * dtype_size[dt]);
    } else if (dt == DT_FLOAT32 || dt == DT_FLOAT64) {
        bool f32 = dt == DT_FLOAT32;
        int W = f32 ? 8 : 4;
        if (trailing) {
            for (int64_t k = 0; k < K; k++) {
                if (f32) {
                    const float *row = (const float *)in + k * R;
                    float acc = 0;
                    if (np_seq) for (int64_t r = 0; r < R; r++) acc += row[r];
                    ((float *)out)[k] = np_seq ? acc : numpy_order ? pairwise_f32(row, R, 1) : inner_sum_f32(row, R, W);
                } else {
                    const double *row = (const double *)in + k * R;
                    double acc = 0;
                    if (np_seq) for (int64_t r = 0; r < R; r++) acc += row[r];
                    ((double *)out)[k] = np_seq ? acc : numpy_order ? pairwise_f64(row, R, 1) : inner_sum_f64(row, R, W);
                }
            }
        } else if (numpy_order) { /* unreachable: numpy leading reductions were permuted */
        } else {
            if (f32) outer_sum_f32((const float *)in, R, K, W, (float *)out);
            else outer_sum_f64((const double *)in, R, K, W, (double *)out);
        }
    } else { /* int64 (bool sums are int64 too) */
        const Tensor *s = src;
        for (int64_t k = 0; k < K; k++) {
            int64_t acc = 0;
            for (int64_t r = 0; r < R; r++)
                acc = (int64_t)((uint64_t)acc + (uint64_t)ld_i64(s, in, trailing ? k * R + r : r * K + k));
            ((int64_t *)out)[k] = acc;
        }
    }
    val_decref(val_obj(src));
    return o;
}

/* ---- max / min ---------------------------------------------------------------------- */
/* ---- softmax / log_softmax --------------------------------------------------------- */
/* torch 1.13's SoftMaxKernel.cpp on AVX2. Along the last dim (_vec_softmax_lastdim,
 * _vec_log_softmax_lastdim): max, exp(x - max) (SLEEF for float32), the sum as vec::reduce_all
 * adds (V lanes, tail lanes folded in, then lane 0 reduced by halving shuffles); softmax
 * multiplies by 1 / sum, log_softmax subtracts max then log(sum). Along another dim
 * (_vec_softmax): sums run sequentially down the dim for V adjacent columns at once (SLEEF
 * exp) or one column at a time in the scalar tail (libm exp), and divide by the sum. */
static double sm_exp(DType dt, double x, bool vec) {
    if (dt == DT_FLOAT32) return vec ? (double)sleef_expf((float)x) : (double)expf((float)x);
    return exp(x);
}
static double sm_round(DType dt, double x) { return dt == DT_FLOAT32 ? (double)(float)x : x; }
static double sm_reduce_all(DType dt, const double *v, int64_t n) {
    int V = dt == DT_FLOAT32 ? 8 : 4;
    double acc[8] = {0};
    if (n < V) {
        double r = v[0];
        for (int64_t i = 1; i < n; i++) r = sm_round(dt, r + v[i]);
        return r;
    }
    for (int k = 0; k < V; k++) acc[k] = v[k];
    int64_t d = V;
    for (; d < n - (n % V); d += V)
        for (int k = 0; k < V; k++) acc[k] = sm_round(dt, acc[k] + v[d + k]);
    for (int k = 0; d + k < n; k++) acc[k] = sm_round(dt, acc[k] + v[d + k]);
    for (int w = V / 2; w >= 1; w /= 2)
        for (int k = 0; k < w; k++) acc[k] = sm_round(dt, acc[k] + acc[k + w]);
    return acc[0];
}
Tensor *kern_softmax(Interp *I, Tensor *a, int dim, bool log_) {
    DType dt = a->dtype;
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, a->ndim, a->shape);
    if (!o) return NULL;
    if (a->numel == 0) return o;
    int64_t size = a->ndim ? a->shape[dim] : 1, inner = 1, outer = 1;
    for (int d = dim + 1; d < a->ndim; d++) inner *= a->shape[d];
    for (int d = 0; d < dim; d++) outer *= a->shape[d];
    size_t bytes = sizeof(double) * (size_t)size * 2;
    double *buf = mem_alloc(bytes);
    if (!buf) { val_decref(val_obj(o)); err_nomem(I); return NULL; }
    double *x = buf, *e = buf + size;
    int V = dt == DT_FLOAT32 ? 8 : 4;
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            int64_t base = ou * size * inner + in;
            double mx = -INFINITY;
            bool nan = false;
            for (int64_t k = 0; k < size; k++) {
                x[k] = tensor_get(a, base + k * inner);
                if (isnan(x[k])) nan = true;
                if (x[k] > mx) mx = x[k];
            }
            if (nan) mx = NAN;
            if (dim == a->ndim - 1 || a->ndim == 0) {
                for (int64_t k = 0; k < size; k++) e[k] = sm_exp(dt, sm_round(dt, x[k] - mx), true);
                double sum = sm_reduce_all(dt, e, size);
                if (log_) {
                    double l = dt == DT_FLOAT32 ? (double)sleef_logf((float)sum) : log(sum);
                    for (int64_t k = 0; k < size; k++) tensor_set(o, base + k, sm_round(dt, sm_round(dt, x[k] - mx) - l));
                } else {
                    double r = sm_round(dt, 1.0 / sum);
                    for (int64_t k = 0; k < size; k++) tensor_set(o, base + k, sm_round(dt, e[k] * r));
                }
            } else {
                /* softmax: a column inside a full group of V is vectorised, the rest scalar;
                 * log_softmax (_vec_log_softmax) vectorises every column */
                bool vec = log_ || (in - in % V) + V <= inner;
                double sum = 0;
                for (int64_t k = 0; k < size; k++) { e[k] = sm_exp(dt, sm_round(dt, x[k] - mx), vec); sum = sm_round(dt, sum + e[k]); }
                if (log_) {
                    double l = dt == DT_FLOAT32 ? (double)sleef_logf((float)sum) : log(sum);
                    for (int64_t k = 0; k < size; k++) tensor_set(o, base + k * inner, sm_round(dt, sm_round(dt, x[k] - mx) - l));
                } else
                    for (int64_t k = 0; k < size; k++) tensor_set(o, base + k * inner, sm_round(dt, e[k] / sum));
            }
        }
    mem_free(buf, bytes);
    return o;
}

/* backward: softmax (g - sum(g * y)) * y; log_softmax g - exp(y) * sum(g) (torch's
 * _vec_softmax_backward / _vec_log_softmax_backward, sums as vec::reduce_all adds) */
Tensor *kern_softmax_backward(Interp *I, Tensor *g, Tensor *y, int dim, bool log_) {
    DType dt = y->dtype;
    Tensor *o = tensor_new(I, dt, FLAVOR_TORCH, y->ndim, y->shape);
    if (!o) return NULL;
    if (y->numel == 0) return o;
    int64_t size = y->ndim ? y->shape[dim] : 1, inner = 1, outer = 1;
    for (int d = dim + 1; d < y->ndim; d++) inner *= y->shape[d];
    for (int d = 0; d < dim; d++) outer *= y->shape[d];
    size_t bytes = sizeof(double) * (size_t)size;
    double *t = mem_alloc(bytes);
    if (!t) { val_decref(val_obj(o)); err_nomem(I); return NULL; }
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            int64_t base = ou * size * inner + in;
            double sum = 0;
            for (int64_t k = 0; k < size; k++) {
                double gv = tensor_get(g, base + k * inner);
                t[k] = log_ ? gv : sm_round(dt, gv * tensor_get(y, base + k * inner));
            }
            if (dim == y->ndim - 1 || y->ndim == 0) sum = sm_reduce_all(dt, t, size);
            else for (int64_t k = 0; k < size; k++) sum = sm_round(dt, sum + t[k]);
            for (int64_t k = 0; k < size; k++) {
                double gv = tensor_get(g, base + k * inner), yv = tensor_get(y, base + k * inner);
                double r = log_ ? sm_round(dt, gv - sm_round(dt, sm_exp(dt, yv, true) * sum)) : sm_round(dt, sm_round(dt, gv - sum) * yv);
                tensor_set(o, base + k * inner, r);
            }
        }
    mem_free(t, bytes);
    return o;
}

bool kern_maxmin(Interp *I, Tensor *a, int dim, bool keepdim, bool is_max, Tensor **values, Tensor **indices) {
    int nd = a->ndim;
    int64_t K = 1, R = a->numel, inner = 1;
    int ond = 0;
    int64_t oshape[TENSOR_MAX_DIMS] = {0};
    if (dim >= 0) {
        R = nd ? a->shape[dim] : 1;
        for (int d = 0; d < nd; d++) {
            if (d == dim) { if (keepdim) oshape[ond++] = 1; }
            else { oshape[ond++] = a->shape[d]; K *= a->shape[d]; }
            if (d > dim) inner *= a->shape[d];
        }
    }
    Tensor *c = tensor_copy(I, a, a->dtype);
    if (!c) return false;
    Tensor *v = values ? tensor_new(I, a->dtype, a->flavor, ond, oshape) : NULL;
    Tensor *ix = indices ? tensor_new(I, DT_INT64, a->flavor, ond, oshape) : NULL;
    if ((values && !v) || (indices && !ix)) {
        val_decref(val_obj(c));
        if (v) val_decref(val_obj(v));
        if (ix) val_decref(val_obj(ix));
        return false;
    }
    const char *in = c->storage->data;
    for (int64_t k = 0; k < K; k++) {
        int64_t outer = k / inner, inn = k % inner;
        int64_t base = outer * R * inner + inn;
        int64_t best = 0;
        double bv = 0;
        int64_t bi = 0;
        bool isf = dtype_is_float(a->dtype);
        for (int64_t r = 0; r < R; r++) {
            int64_t off = base + r * inner;
            if (isf) {
                double x = ld_f64(c, in, off);
                if (r == 0) { bv = x; best = 0; continue; }
                if (isnan(bv)) break;
                if (isnan(x) || (is_max ? x > bv : x < bv)) { bv = x; best = r; }
            } else {
                int64_t x = ld_i64(c, in, off);
                if (r == 0 || (is_max ? x > bi : x < bi)) { bi = x; best = r; }
            }
        }
        if (v) {
            if (isf) tensor_set(v, k, bv);
            else if (a->dtype == DT_INT64) ((int64_t *)v->storage->data)[k] = bi;
            else ((uint8_t *)v->storage->data)[k] = (uint8_t)bi;
        }
        if (ix) ((int64_t *)ix->storage->data)[k] = best;
    }
    val_decref(val_obj(c));
    if (values) *values = v;
    if (indices) *indices = ix;
    return true;
}

/* ---- matrix products ---------------------------------------------------------------- */
/* torch (Debian build) calls the reference BLAS: each output is a running sum in k order of
 * rounded products, no fused multiply-adds. NumPy as the seed notebook's output was made
 * (OpenBLAS, Haswell kernels): sdot uses four 8-lane FMA accumulators over blocks of 32, a fixed horizontal reduction, then an FMA tail;
 * gemm accumulates each output over k with FMAs. */
static float openblas_sdot(const float *x, const float *y, int64_t n) {
    int64_t n1 = n & -32;
    float dot = 0.0f;
    if (n1) {
        float acc[4][8] = {{0}};
        for (int64_t i = 0; i < n1; i += 32)
            for (int b = 0; b < 4; b++)
                for (int l = 0; l < 8; l++) acc[b][l] = fmaf(x[i + b * 8 + l], y[i + b * 8 + l], acc[b][l]);
        float h[4][4];
        for (int b = 0; b < 4; b++)
            for (int l = 0; l < 4; l++) h[b][l] = acc[b][l] + acc[b][l + 4];
        float v[4];
        for (int l = 0; l < 4; l++) { float a = h[0][l] + h[1][l], c = h[2][l] + h[3][l]; v[l] = a + c; }
        dot = (v[0] + v[1]) + (v[2] + v[3]);
    }
    for (int64_t i = n1; i < n; i++) dot = fmaf(y[i], x[i], dot);
    return dot;
}
Tensor *kern_matmul(Interp *I, Tensor *a, Tensor *b, DType dt, int flavor) {
    /* normalise to batched [B, n, k] x [B, k, m] */
    int an = a->ndim, bn = b->ndim;
    int64_t n = an == 1 ? 1 : a->shape[an - 2], k = a->shape[an - 1];
    int64_t m = bn == 1 ? 1 : b->shape[bn - 1];
    int64_t kb = bn == 1 ? b->shape[0] : b->shape[bn - 2];
    int64_t B = an == 3 ? a->shape[0] : (bn == 3 ? b->shape[0] : 1);
    (void)kb;
    int ond = 0;
    int64_t os[3];
    if (an == 3 || bn == 3) os[ond++] = B;
    if (an >= 2) os[ond++] = n;
    if (bn >= 2) os[ond++] = m;
    Tensor *ca = tensor_copy(I, a, dt), *cb = ca ? tensor_copy(I, b, dt) : NULL;
    Tensor *o = cb ? tensor_new(I, dt, flavor, ond, os) : NULL;
    if (!o) {
        if (ca) val_decref(val_obj(ca));
        if (cb) val_decref(val_obj(cb));
        return NULL;
    }
    int64_t sab = an == 3 ? n * k : 0, sbb = bn == 3 ? k * m : 0;
    bool numpy = flavor != FLAVOR_TORCH, dot1d = an == 1 && bn == 1;
    int64_t cnt = 0;
    for (int64_t bb = 0; bb < B; bb++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < m; j++) {
                if ((++cnt & 0xFF) == 0 && !kern_poll(I)) {
                    val_decref(val_obj(ca)); val_decref(val_obj(cb)); val_decref(val_obj(o));
                    return NULL;
                }
                int64_t oi = bb * n * m + i * m + j;
                if (dt == DT_FLOAT32) {
                    const float *pa = (const float *)ca->storage->data + bb * sab + i * k;
                    const float *pb = (const float *)cb->storage->data + bb * sbb + j;
                    float acc = 0;
                    if (!numpy) for (int64_t t = 0; t < k; t++) acc += pa[t] * pb[t * m];
                    else if (dot1d) acc = openblas_sdot(pa, pb, k);
                    else for (int64_t t = 0; t < k; t++) acc = fmaf(pa[t], pb[t * m], acc);
                    ((float *)o->storage->data)[oi] = acc;
                } else if (dt == DT_FLOAT64) {
                    const double *pa = (const double *)ca->storage->data + bb * sab + i * k;
                    const double *pb = (const double *)cb->storage->data + bb * sbb + j;
                    double acc = 0;
                    /* NumPy float64: reference BLAS ddot/dgemv/dgemm (and NumPy's no-BLAS loop) all add
                     * the products in order without FMA, as the oracle's NumPy 1.24 does */
                    for (int64_t t = 0; t < k; t++) acc += pa[t] * pb[t * m];
                    ((double *)o->storage->data)[oi] = acc;
                } else {
                    const int64_t *pa = (const int64_t *)ca->storage->data + bb * sab + i * k;
                    const int64_t *pb = (const int64_t *)cb->storage->data + bb * sbb + j;
                    uint64_t acc = 0;
                    for (int64_t t = 0; t < k; t++) acc += (uint64_t)pa[t] * (uint64_t)pb[t * m];
                    ((int64_t *)o->storage->data)[oi] = (int64_t)acc;
                }
            }
    val_decref(val_obj(ca));
    val_decref(val_obj(cb));
    return o;
}

/* ---- random numbers ------------------------------------------------------------------ */
typedef struct { uint32_t mt[624]; int mti; } MT;
static void mt_seed(MT *s, uint32_t seed) {
    s->mt[0] = seed;
    for (int i = 1; i < 624; i++) s->mt[i] = 1812433253u * (s->mt[i - 1] ^ (s->mt[i - 1] >> 30)) + (uint32_t)i;
    s->mti = 624;
}
static uint32_t mt_next(MT *s) {
    if (s->mti >= 624) {
        for (int i = 0; i < 624; i++) {
            uint32_t y = (s->mt[i] & 0x80000000u) | (s->mt[(i + 1) % 624] & 0x7fffffffu);
            s->mt[i] = s->mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0);
        }
        s->mti = 0;
    }
    uint32_t y = s->mt[s->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static MT torch_mt;
static bool torch_init;
static uint64_t torch_seed_v = 67280421310721ull;
static bool torch_has_next_double;
static double torch_next_double;
static void torch_ensure(void) { if (!torch_init) { mt_seed(&torch_mt, (uint32_t)torch_seed_v); torch_init = true; } }
void rng_torch_seed(uint64_t seed) {
    torch_seed_v = seed;
    mt_seed(&torch_mt, (uint32_t)seed);
    torch_init = true;
    torch_has_next_double = false;
}
uint64_t rng_torch_initial_seed(void) { return torch_seed_v; }
static uint64_t torch_random64(void) {
    uint32_t hi = mt_next(&torch_mt), lo = mt_next(&torch_mt); /* make64BitsFrom32Bits(hi, lo) */
    return ((uint64_t)hi << 32) | lo;
}
static double torch_uniform_d(void);
uint64_t rng_torch_random64(void) { torch_ensure(); return torch_random64(); }
double rng_torch_double(void) { torch_ensure(); return torch_uniform_d(); }
/* torch.Generator objects: each keeps a copy of this state; a call given generator= swaps its
 * copy in for the call's duration (a second swap restores both), as np.random.RandomState does */
typedef struct { MT mt; bool init; uint64_t seed; bool has_next; double next; } TorchRngState;
size_t rng_torch_state_size(void) { return sizeof(TorchRngState); }
void rng_torch_state_init(void *buf) {
    TorchRngState st = {.init = false, .seed = 67280421310721ull}; /* seeded on first use, as a fresh CPUGeneratorImpl */
    memcpy(buf, &st, sizeof st);
}
void rng_torch_swap(void *buf) {
    TorchRngState cur = {torch_mt, torch_init, torch_seed_v, torch_has_next_double, torch_next_double}, other;
    memcpy(&other, buf, sizeof other);
    memcpy(buf, &cur, sizeof cur);
    torch_mt = other.mt;
    torch_init = other.init;
    torch_seed_v = other.seed;
    torch_has_next_double = other.has_next;
    torch_next_double = other.next;
}
static float torch_uniform_f(void) { return (float)((double)(mt_next(&torch_mt) & ((1u << 24) - 1)) * (1.0 / (1 << 24))); }
static double torch_uniform_d(void) {
    return (double)(torch_random64() & ((1ull << 53) - 1)) * (1.0 / 9007199254740992.0);
}
void rng_torch_uniform(Tensor *t) {
    torch_ensure();
    for (int64_t i = 0; i < t->numel; i++) {
        if (t->dtype == DT_FLOAT32) ((float *)t->storage->data)[i] = torch_uniform_f();
        else ((double *)t->storage->data)[i] = torch_uniform_d();
    }
}
/* torch.randint: random_from_to_kernel, (V % range) + from, V 32-bit unless range >= 2**32 */
void rng_torch_randint(Tensor *t, int64_t low, int64_t high) {
    torch_ensure();
    uint64_t range = (uint64_t)high - (uint64_t)low;
    for (int64_t i = 0; i < t->numel; i++) {
        uint64_t v = range >= (1ull << 32) ? torch_random64() : (uint64_t)mt_next(&torch_mt);
        int64_t x = (int64_t)(v % range + (uint64_t)low);
        if (t->dtype == DT_INT64) ((int64_t *)t->storage->data)[i] = x;
        else tensor_set(t, i, (double)x);
    }
}
static double torch_normal_double(void) {
    if (torch_has_next_double) { torch_has_next_double = false; return torch_next_double; }
    double u1 = torch_uniform_d(), u2 = torch_uniform_d();
    double r = sqrt(-2.0 * log(1.0 - u2));
    double theta = 2.0 * M_PI * u1;
    torch_has_next_double = true;
    torch_next_double = r * sin(theta);
    return r * cos(theta);
}
#define DEF_NORMAL16(T, SUF, UNI, LOG, SQRT, COS, SIN)                                          \
static void normal16_##SUF(T *d) {                                                               \
    for (int j = 0; j < 8; j++) {                                                                \
        const T u1 = 1 - d[j];                                                                   \
        const T u2 = d[j + 8];                                                                   \
        const T radius = SQRT(-2 * LOG(u1));                                                     \
        const T theta = (T)(2.0 * M_PI) * u2;                                                    \
        d[j] = radius * COS(theta);                                                              \
        d[j + 8] = radius * SIN(theta);                                                          \
    }                                                                                            \
}
/* torch's AVX2 normal_fill_16 uses avx_mathfun.h's log256_ps / sincos256_ps (cephes
 * polynomials); these are the same computations, one lane at a time. MF(a, b, c) is a*b + c
 * as the AVX2 build computes it (contracted to a fused multiply-add). */
#define MF(a, b, c) fmaf((a), (b), (c))
static float mathfun_logf(float x) {
    if (!(x > 0)) return x == 0 ? -INFINITY : NAN;
    if (x < 1.17549435e-38f) x = 1.17549435e-38f;
    uint32_t bits;
    memcpy(&bits, &x, 4);
    int32_t imm0 = (int32_t)(bits >> 23);
    bits = (bits & ~0x7f800000u) | 0x3f000000u;
    memcpy(&x, &bits, 4);
    imm0 -= 0x7f;
    float e = (float)imm0 + 1.0f;
    bool mask = x < 0.707106781186547524f;
    float tmp = mask ? x : 0.0f;
    x = x - 1.0f;
    e = e - (mask ? 1.0f : 0.0f);
    x = x + tmp;
    float z = x * x;
    float y = 7.0376836292E-2f;
    y = MF(y, x, -1.1514610310E-1f);
    y = MF(y, x, 1.1676998740E-1f);
    y = MF(y, x, -1.2420140846E-1f);
    y = MF(y, x, 1.4249322787E-1f);
    y = MF(y, x, -1.6668057665E-1f);
    y = MF(y, x, 2.0000714765E-1f);
    y = MF(y, x, -2.4999993993E-1f);
    y = MF(y, x, 3.3333331174E-1f);
    y = y * x;
    y = MF(y, z, e * -2.12194440e-4f);
    y = MF(-z, 0.5f, y);
    x = x + y;
    x = MF(e, 0.693359375f, x);
    return x;
}
static void mathfun_sincosf(float x, float *s, float *c) {
    uint32_t xb;
    memcpy(&xb, &x, 4);
    uint32_t sign_sin = xb & 0x80000000u;
    xb &= 0x7fffffffu;
    memcpy(&x, &xb, 4);
    float y = x * 1.27323954473516f;
    int32_t imm2 = (int32_t)y;
    imm2 = (imm2 + 1) & ~1;
    y = (float)imm2;
    int32_t imm4 = imm2;
    uint32_t swap_sign_sin = (uint32_t)(imm2 & 4) << 29;
    bool poly_mask = (imm2 & 2) == 0;
    x = MF(y, -0.78515625f, x);
    x = MF(y, -2.4187564849853515625e-4f, x);
    x = MF(y, -3.77489497744594108e-8f, x);
    imm4 -= 2;
    uint32_t sign_cos = (uint32_t)(~imm4 & 4) << 29;
    sign_sin ^= swap_sign_sin;
    float z = x * x;
    float yc = 2.443315711809948E-005f;
    yc = MF(yc, z, -1.388731625493765E-003f);
    yc = MF(yc, z, 4.166664568298827E-002f);
    yc = yc * z;
    yc = MF(yc, z, -(z * 0.5f));
    yc = yc + 1.0f;
    float ys = -1.9515295891E-4f;
    ys = MF(ys, z, 8.3321608736E-3f);
    ys = MF(ys, z, -1.6666654611E-1f);
    ys = ys * z;
    ys = MF(ys, x, x);
    float sv = poly_mask ? ys : yc, cv = poly_mask ? yc : ys;
    uint32_t b;
    memcpy(&b, &sv, 4); b ^= sign_sin; memcpy(s, &b, 4);
    memcpy(&b, &cv, 4); b ^= sign_cos; memcpy(c, &b, 4);
}
static void normal16_f32(float *d) {
    for (int j = 0; j < 8; j++) {
        const float u1 = 1.0f - d[j];
        const float u2 = d[j + 8];
        const float radius = sqrtf(-2.0f * mathfun_logf(u1));
        const float theta = (float)(2.0 * M_PI) * u2;
        float sn, cs;
        mathfun_sincosf(theta, &sn, &cs);
        d[j] = radius * cs;
        d[j + 8] = radius * sn;
    }
}
DEF_NORMAL16(double, f64, torch_uniform_d, log, sqrt, cos, sin)
void rng_torch_normal(Tensor *t) {
    torch_ensure();
    int64_t n = t->numel;
    bool f32 = t->dtype == DT_FLOAT32;
    if (n >= 16) {
        for (int64_t i = 0; i < n; i++) {
            if (f32) ((float *)t->storage->data)[i] = torch_uniform_f();
            else ((double *)t->storage->data)[i] = torch_uniform_d();
        }
        for (int64_t i = 0; i + 16 <= n; i += 16) {
            if (f32) normal16_f32((float *)t->storage->data + i);
            else normal16_f64((double *)t->storage->data + i);
        }
        if (n % 16 != 0) {
            int64_t base = n - 16;
            for (int i = 0; i < 16; i++) {
                if (f32) ((float *)t->storage->data)[base + i] = torch_uniform_f();
                else ((double *)t->storage->data)[base + i] = torch_uniform_d();
            }
            if (f32) normal16_f32((float *)t->storage->data + base);
            else normal16_f64((double *)t->storage->data + base);
        }
    } else {
        for (int64_t i = 0; i < n; i++) {
            double v = torch_normal_double();
            if (f32) ((float *)t->storage->data)[i] = (float)v;
            else ((double *)t->storage->data)[i] = v;
        }
    }
}
/* normal_(mean, std): normal_fill's 16-wide path computes radius * cos(theta) * std + mean in
 * the tensor's dtype (fused multiply-add on AVX2); the scalar path in double (at::normal_distribution) */
void rng_torch_normal_scaled(Tensor *t, double mean, double std) {
    int64_t n = t->numel;
    if (n < 16) {
        torch_ensure();
        for (int64_t i = 0; i < n; i++) tensor_set(t, i, torch_normal_double() * std + mean);
        return;
    }
    rng_torch_normal(t);
    if (t->dtype == DT_FLOAT32) {
        float *d = t->storage->data, s = (float)std, m = (float)mean;
        for (int64_t i = 0; i < n; i++) d[i] = fmaf(d[i], s, m);
    } else {
        double *d = t->storage->data;
        for (int64_t i = 0; i < n; i++) d[i] = fma(d[i], std, mean);
    }
}
/* bernoulli_(p) (bernoulli_scalar_kernel_default, torch built without MKL): one double uniform
 * per element, 1 where it is below p */
void rng_torch_bernoulli(Tensor *t, double p) {
    torch_ensure();
    for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, torch_uniform_d() < p ? 1.0 : 0.0);
}
/* torch.randperm (randperm_cpu): a Fisher-Yates pass drawing generator->random() % (n - i) */
void rng_torch_randperm(Tensor *t) {
    torch_ensure();
    int64_t n = t->numel, *r = t->storage->data;
    for (int64_t i = 0; i < n; i++) r[i] = i;
    for (int64_t i = 0; i + 1 < n; i++) {
        int64_t z = (int64_t)(mt_next(&torch_mt) % (uint64_t)(n - i));
        int64_t sav = r[i];
        r[i] = r[z + i];
        r[z + i] = sav;
    }
}

static MT np_mt;
static bool np_init, np_has_gauss;
static double np_gauss;
static void np_ensure(void) { if (!np_init) { mt_seed(&np_mt, 5489u); np_init = true; } }
void rng_np_seed(uint32_t seed) { mt_seed(&np_mt, seed); np_init = true; np_has_gauss = false; np_gauss = 0; }
static double np_double(void) {
    int32_t a = (int32_t)(mt_next(&np_mt) >> 5), b = (int32_t)(mt_next(&np_mt) >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
}
void rng_np_uniform(Tensor *t) {
    np_ensure();
    for (int64_t i = 0; i < t->numel; i++) ((double *)t->storage->data)[i] = np_double();
}
/* RandomState.randint (legacy, masked rejection sampling) over [low, high) into int64 t */
void rng_np_randint(Tensor *t, int64_t low, int64_t high) {
    np_ensure();
    uint64_t rng = (uint64_t)high - (uint64_t)low - 1;
    uint64_t mask = rng;
    mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32;
    for (int64_t i = 0; i < t->numel; i++) {
        uint64_t v;
        if (rng == 0) v = 0;
        else if (rng <= 0xFFFFFFFFull) {
            if (rng == 0xFFFFFFFFull) v = mt_next(&np_mt);
            else do v = mt_next(&np_mt) & mask; while (v > rng);
        } else if (rng == UINT64_MAX) {
            v = ((uint64_t)mt_next(&np_mt) << 32); v |= mt_next(&np_mt);
        } else {
            do { v = ((uint64_t)mt_next(&np_mt) << 32); v |= mt_next(&np_mt); v &= mask; } while (v > rng);
        }
        ((int64_t *)t->storage->data)[i] = (int64_t)((uint64_t)low + v);
    }
}
/* ---- NumPy's Generator (np.random.default_rng): PCG64 seeded through SeedSequence ------------ */
/* SeedSequence (numpy/random/bit_generator.pyx): the seed's 32-bit words hashed into a pool of 4,
 * then generate_state(4, uint64) read from the pool with a second hash; PCG64 (XSL-RR 128/64)
 * is set from it as pcg64_set_seed does (state, then the stream), with next_uint32 halving a
 * 64-bit draw (low half first) as pcg64_next32. */
typedef struct { unsigned __int128 state, inc; bool has32; uint32_t u32; } Pcg64;
#define SS_INIT_A 0x43b0d7e5u
#define SS_MULT_A 0x931e8875u
#define SS_INIT_B 0x8b51f9ddu
#define SS_MULT_B 0x58f38dedu
static uint32_t ss_hashmix(uint32_t value, uint32_t *hash_const) {
    value ^= *hash_const;
    *hash_const *= SS_MULT_A;
    value *= *hash_const;
    value ^= value >> 16;
    return value;
}
static uint32_t ss_mix(uint32_t x, uint32_t y) {
    uint32_t r = 0xca01f9ddu * x - 0x4973f715u * y;
    r ^= r >> 16;
    return r;
}
static const unsigned __int128 PCG_MULT = ((unsigned __int128)2549297995355413924ull << 64) | 4865540595714422341ull;
static void pcg_step(Pcg64 *p) { p->state = p->state * PCG_MULT + p->inc; }
size_t rng_pcg_state_size(void) { return sizeof(Pcg64); }
void rng_pcg_seed(void *buf, const uint32_t *entropy, int n) {
    uint32_t pool[4], hc = SS_INIT_A;
    for (int i = 0; i < 4; i++) pool[i] = ss_hashmix(i < n ? entropy[i] : 0, &hc);
    for (int s = 0; s < 4; s++)
        for (int d = 0; d < 4; d++)
            if (s != d) pool[d] = ss_mix(pool[d], ss_hashmix(pool[s], &hc));
    for (int s = 4; s < n; s++)
        for (int d = 0; d < 4; d++) pool[d] = ss_mix(pool[d], ss_hashmix(entropy[s], &hc));
    uint32_t w[8], hb = SS_INIT_B;
    for (int i = 0; i < 8; i++) {
        uint32_t v = pool[i % 4];
        v ^= hb;
        hb *= SS_MULT_B;
        v *= hb;
        v ^= v >> 16;
        w[i] = v;
    }
    uint64_t q[4];
    for (int i = 0; i < 4; i++) q[i] = (uint64_t)w[2 * i] | ((uint64_t)w[2 * i + 1] << 32);
    Pcg64 p;
    p.state = 0;
    p.inc = ((((unsigned __int128)q[2] << 64) | q[3]) << 1) | 1;
    pcg_step(&p);
    p.state += ((unsigned __int128)q[0] << 64) | q[1];
    pcg_step(&p);
    p.has32 = false;
    p.u32 = 0;
    memcpy(buf, &p, sizeof p);
}
static uint64_t pcg_next64_p(Pcg64 *p) {
    pcg_step(p);
    uint64_t hi = (uint64_t)(p->state >> 64), lo = (uint64_t)p->state;
    unsigned rot = (unsigned)(p->state >> 122);
    uint64_t x = hi ^ lo;
    return (x >> rot) | (x << ((64 - rot) & 63));
}
uint64_t rng_pcg_next64(void *buf) {
    Pcg64 p;
    memcpy(&p, buf, sizeof p);
    uint64_t r = pcg_next64_p(&p);
    memcpy(buf, &p, sizeof p);
    return r;
}
uint32_t rng_pcg_next32(void *buf) {
    Pcg64 p;
    memcpy(&p, buf, sizeof p);
    uint32_t r;
    if (p.has32) { p.has32 = false; r = p.u32; }
    else {
        uint64_t v = pcg_next64_p(&p);
        p.has32 = true;
        p.u32 = (uint32_t)(v >> 32);
        r = (uint32_t)v;
    }
    memcpy(buf, &p, sizeof p);
    return r;
}
double rng_pcg_double(void *buf) { return (double)(rng_pcg_next64(buf) >> 11) * (1.0 / 9007199254740992.0); }
/* Generator.integers: off + a value in [0, rng] by Lemire's method (32-bit draws while rng fits) */
uint64_t rng_pcg_bounded(void *buf, uint64_t rng) {
    if (rng == 0) return 0;
    if (rng <= 0xFFFFFFFFull) {
        if (rng == 0xFFFFFFFFull) return rng_pcg_next32(buf);
        uint32_t excl = (uint32_t)rng + 1;
        uint64_t m = (uint64_t)rng_pcg_next32(buf) * excl;
        uint32_t left = (uint32_t)m;
        if (left < excl) {
            uint32_t threshold = (uint32_t)(UINT32_MAX - (uint32_t)rng) % excl;
            while (left < threshold) { m = (uint64_t)rng_pcg_next32(buf) * excl; left = (uint32_t)m; }
        }
        return m >> 32;
    }
    if (rng == UINT64_MAX) return rng_pcg_next64(buf);
    uint64_t excl = rng + 1;
    unsigned __int128 m = (unsigned __int128)rng_pcg_next64(buf) * excl;
    uint64_t left = (uint64_t)m;
    if (left < excl) {
        uint64_t threshold = (UINT64_MAX - rng) % excl;
        while (left < threshold) { m = (unsigned __int128)rng_pcg_next64(buf) * excl; left = (uint64_t)m; }
    }
    return (uint64_t)(m >> 64);
}
/* Generator.standard_normal: the 256-layer ziggurat of NumPy's distributions.c, its tables
 * built once by Marsaglia and Tsang's recipe (r = 3.6541528853610088, v = 0.00492867323399,
 * 52-bit magnitudes) */
static uint64_t zig_k[256];
static double zig_w[256], zig_f[256];
static bool zig_ready;
static void zig_init(void) {
    const double m1 = 4503599627370496.0; /* 2**52 */
    double dn = 3.6541528853610088, tn = dn, vn = 0.004928673233974652;
    double q = vn / exp(-0.5 * dn * dn);
    zig_k[0] = (uint64_t)((dn / q) * m1);
    zig_k[1] = 0;
    zig_w[0] = q / m1;
    zig_w[255] = dn / m1;
    zig_f[0] = 1.0;
    zig_f[255] = exp(-0.5 * dn * dn);
    for (int i = 254; i >= 1; i--) {
        dn = sqrt(-2.0 * log(vn / dn + exp(-0.5 * dn * dn)));
        zig_k[i + 1] = (uint64_t)((dn / tn) * m1);
        tn = dn;
        zig_f[i] = exp(-0.5 * dn * dn);
        zig_w[i] = dn / m1;
    }
    zig_ready = true;
}
double rng_pcg_normal(void *buf) {
    if (!zig_ready) zig_init();
    const double r = 3.6541528853610087963519472518, inv_r = 0.27366123732975827203338247596;
    for (;;) {
        uint64_t v = rng_pcg_next64(buf);
        int idx = (int)(v & 0xff);
        v >>= 8;
        int sign = (int)(v & 1);
        uint64_t rabs = (v >> 1) & 0x000fffffffffffffull;
        double x = (double)rabs * zig_w[idx];
        if (sign) x = -x;
        if (rabs < zig_k[idx]) return x;
        if (idx == 0) {
            for (;;) {
                double xx = -inv_r * log1p(-rng_pcg_double(buf));
                double yy = -log1p(-rng_pcg_double(buf));
                if (yy + yy > xx * xx) return ((rabs >> 8) & 1) ? -(r + xx) : r + xx;
            }
        }
        if ((zig_f[idx - 1] - zig_f[idx]) * rng_pcg_double(buf) + zig_f[idx] < exp(-0.5 * x * x)) return x;
    }
}

/* random_interval (Generator.shuffle / permutation): a masked draw in [0, max], retried */
uint64_t rng_pcg_interval(void *buf, uint64_t max) {
    if (max == 0) return 0;
    uint64_t mask = max, v;
    mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32;
    if (max <= 0xFFFFFFFFull) { while ((v = (rng_pcg_next32(buf) & mask)) > max) {} }
    else { while ((v = (rng_pcg_next64(buf) & mask)) > max) {} }
    return v;
}

/* np.random.RandomState objects each keep a copy of this legacy state; a call on one swaps
 * its copy in for the call's duration (a second swap restores both). */
typedef struct { MT mt; bool init, has_gauss; double gauss; } NpRngState;
size_t rng_np_state_size(void) { return sizeof(NpRngState); }
void rng_np_swap(void *buf) {
    NpRngState cur = {np_mt, np_init, np_has_gauss, np_gauss}, other;
    memcpy(&other, buf, sizeof other);
    memcpy(buf, &cur, sizeof cur);
    np_mt = other.mt;
    np_init = other.init;
    np_has_gauss = other.has_gauss;
    np_gauss = other.gauss;
}
double rng_np_double(void) { np_ensure(); return np_double(); }
double rng_np_gauss(void) {
    np_ensure();
    if (np_has_gauss) { np_has_gauss = false; double v = np_gauss; np_gauss = 0; return v; }
    double x1, x2, r2;
    do {
        x1 = 2.0 * np_double() - 1.0;
        x2 = 2.0 * np_double() - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * log(r2) / r2);
    np_gauss = f * x1;
    np_has_gauss = true;
    return f * x2;
}
void rng_np_normal(Tensor *t) {
    np_ensure();
    for (int64_t i = 0; i < t->numel; i++) {
        double v;
        if (np_has_gauss) { np_has_gauss = false; v = np_gauss; np_gauss = 0; }
        else {
            double x1, x2, r2;
            do {
                x1 = 2.0 * np_double() - 1.0;
                x2 = 2.0 * np_double() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            double f = sqrt(-2.0 * log(r2) / r2);
            np_gauss = f * x1;
            np_has_gauss = true;
            v = f * x2;
        }
        ((double *)t->storage->data)[i] = v;
    }
}
