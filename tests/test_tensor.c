/* test_tensor.c — tensors: broadcasting, promotion, views, reductions' exact float32 results
 * (expected values come from torch 1.13 / NumPy 1.24 on x86-64 AVX2), random generators. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

TestSuite(tensor, .timeout = 30.0);

static Interp *I;
static void setup(void) { I = interp_new(0, NULL); cr_assert_not_null(I); }
static void teardown(void) { interp_free(I); }

static Tensor *arange_f32(int64_t n, float scale, int flavor) {
    Tensor *t = tensor_new(I, DT_FLOAT32, flavor, 1, &n);
    for (int64_t i = 0; i < n; i++) ((float *)t->storage->data)[i] = (float)i * scale;
    return t;
}

Test(tensor, broadcast_shapes_and_errors, .init = setup, .fini = teardown) {
    int64_t a[2] = {2, 3}, b[1] = {3}, c[1] = {4};
    Tensor *x = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 2, a), *y = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, b);
    Tensor *z = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, c);
    int nd;
    int64_t sh[8];
    cr_assert(tensor_broadcast_shape(I, x, y, &nd, sh));
    cr_expect(nd == 2 && sh[0] == 2 && sh[1] == 3);
    cr_expect_not(tensor_broadcast_shape(I, y, z, &nd, sh));
    cr_expect_str_eq(I->err.msg, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0");
    err_clear(I);
    y->flavor = z->flavor = FLAVOR_NUMPY;
    cr_expect_not(tensor_broadcast_shape(I, y, z, &nd, sh));
    cr_expect_str_eq(I->err.msg, "operands could not be broadcast together with shapes (3,) (4,) ");
    err_clear(I);
    val_decref(val_obj(x)); val_decref(val_obj(y)); val_decref(val_obj(z));
}

static DType binop_dtype(Value a, Value b) {
    Value r = tensor_binop(I, BIN_MUL, a, b);
    cr_assert(IS_TENSOR(r));
    DType d = AS_TENSOR(r)->dtype;
    val_decref(r);
    return d;
}

Test(tensor, promotion_torch_and_numpy, .init = setup, .fini = teardown) {
    int64_t n = 3;
    Tensor *ti = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &n), *tf = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, &n);
    Tensor *td0 = tensor_new(I, DT_FLOAT64, FLAVOR_TORCH, 0, NULL);
    cr_expect_eq(binop_dtype(val_obj(ti), val_float(2.5)), DT_FLOAT32);   /* int tensor * 2.5 */
    cr_expect_eq(binop_dtype(val_obj(tf), val_float(2.5)), DT_FLOAT32);   /* scalars never widen */
    cr_expect_eq(binop_dtype(val_obj(tf), val_obj(td0)), DT_FLOAT32);     /* 0-d float64 does not either */
    cr_expect_eq(binop_dtype(val_obj(ti), val_obj(td0)), DT_FLOAT64);     /* but it sets the float kind */
    cr_expect_eq(binop_dtype(val_obj(ti), val_bool(true)), DT_INT64);
    Tensor *ai = tensor_new(I, DT_INT64, FLAVOR_NUMPY, 1, &n), *af = tensor_new(I, DT_FLOAT32, FLAVOR_NUMPY, 1, &n);
    Tensor *s32 = tensor_new(I, DT_FLOAT32, FLAVOR_NUMPY_SCALAR, 0, NULL), *s64 = tensor_new(I, DT_FLOAT64, FLAVOR_NUMPY_SCALAR, 0, NULL);
    cr_expect_eq(binop_dtype(val_obj(af), val_float(0.01)), DT_FLOAT32);  /* value-based casting */
    cr_expect_eq(binop_dtype(val_obj(ai), val_float(0.5)), DT_FLOAT64);
    cr_expect_eq(binop_dtype(val_obj(af), val_obj(s64)), DT_FLOAT32);
    cr_expect_eq(binop_dtype(val_obj(s32), val_float(0.01)), DT_FLOAT64); /* scalar op scalar */
    cr_expect_eq(binop_dtype(val_obj(s32), val_int(2)), DT_FLOAT64);
    cr_expect_eq(binop_dtype(val_obj(ai), val_obj(s32)), DT_FLOAT64);
    Value bad = tensor_binop(I, BIN_ADD, val_obj(tf), val_obj(af));
    cr_expect(IS_ERR(bad) && err_is(I, EXC_TypeError));
    err_clear(I);
    Tensor *all[] = {ti, tf, td0, ai, af, s32, s64};
    for (int i = 0; i < 7; i++) val_decref(val_obj(all[i]));
}

Test(tensor, views_share_storage, .init = setup, .fini = teardown) {
    Tensor *t = arange_f32(6, 1.0f, FLAVOR_TORCH);
    int64_t s[2] = {2, 3};
    Tensor *r = tensor_reshape_op(I, OP_RESHAPE, t, 2, s);
    cr_assert_not_null(r);
    cr_expect_eq(r->storage, t->storage);
    int perm[2] = {1, 0};
    Tensor *tr = tensor_permute_op(I, OP_TRANSPOSE, r, perm);
    cr_expect(tr->shape[0] == 3 && tr->shape[1] == 2 && tr->stride[0] == 1 && tr->stride[1] == 3);
    cr_expect_eq(tensor_get(tr, 1), 3.0);
    cr_expect_not(tensor_is_contiguous(tr));
    int64_t flat = 6;
    Tensor *v = tensor_reshape_op(I, OP_VIEW, tr, 1, &flat);
    cr_expect_null(v);
    cr_expect(err_is(I, EXC_RuntimeError));
    err_clear(I);
    Tensor *c = tensor_reshape_op(I, OP_RESHAPE, tr, 1, &flat); /* copies */
    cr_expect_neq(c->storage, t->storage);
    cr_expect_eq(tensor_get(c, 1), 3.0);
    Value sl = tensor_class.getitem(I, val_obj(r), val_int(1));
    cr_assert(IS_TENSOR(sl));
    cr_expect_eq(AS_TENSOR(sl)->storage, t->storage);
    cr_expect_eq(tensor_get(AS_TENSOR(sl), 0), 3.0);
    val_decref(sl);
    Tensor *u = tensor_unsqueeze_op(I, t, 0);
    cr_expect(u->ndim == 2 && u->shape[0] == 1 && u->shape[1] == 6);
    Tensor *all[] = {t, r, tr, c, u};
    for (int i = 0; i < 5; i++) val_decref(val_obj(all[i]));
}

static float sum_f32(Tensor *t, uint32_t mask, int64_t i) {
    Tensor *s = kern_sum(I, t, mask, false, DT_FLOAT32, t->flavor != FLAVOR_TORCH);
    float v = (float)tensor_get(s, i);
    val_decref(val_obj(s));
    return v;
}

/* torch: (torch.arange(1000, dtype=torch.float32) * 0.001).sum() == 499.5 etc. */
Test(tensor, reductions_match_torch_and_numpy_bits, .init = setup, .fini = teardown) {
    Tensor *big = arange_f32(1000, 0.001f, FLAVOR_TORCH);
    /* arange * 0.001 in float32 as torch computes it */
    for (int64_t i = 0; i < 1000; i++) ((float *)big->storage->data)[i] = (float)i * 0.001f;
    cr_expect_eq(sum_f32(big, 1, 0), 499.5f);
    int64_t s[2] = {10, 100};
    Tensor *m = tensor_reshape_op(I, OP_RESHAPE, big, 2, s);
    cr_expect_eq(sum_f32(m, 2, 0), 4.949999809265137f);
    cr_expect_eq(sum_f32(m, 2, 1), 14.950000762939453f);
    cr_expect_eq(sum_f32(m, 2, 2), 24.950002670288086f);
    cr_expect_eq(sum_f32(m, 1, 2), 4.519999980926514f);
    m->flavor = FLAVOR_NUMPY;
    cr_expect_eq(sum_f32(m, 2, 0), 4.950000762939453f);
    cr_expect_eq(sum_f32(m, 2, 1), 14.949999809265137f);
    cr_expect_eq(sum_f32(m, 2, 2), 24.950000762939453f);
    cr_expect_eq(sum_f32(m, 1, 2), 4.519999980926514f);
    /* 11 elements: torch.tensor([0.1, ..., 1.1]).sum() */
    int64_t n = 11;
    Tensor *e = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, &n);
    for (int i = 0; i < 11; i++) ((float *)e->storage->data)[i] = (float)(0.1 * (i + 1));
    cr_expect_eq(sum_f32(e, 1, 0), 6.599999904632568f);
    Tensor *mean = tensor_reduce(I, OP_MEAN, e, -1, false);
    cr_expect_eq((float)tensor_get(mean, 0), 0.5999999642372131f);
    Tensor *all[] = {big, m, e, mean};
    for (int i = 0; i < 4; i++) val_decref(val_obj(all[i]));
}

Test(tensor, pow_special_cases_and_scalar_rounding, .init = setup, .fini = teardown) {
    Tensor *x = arange_f32(5, 0.1f, FLAVOR_TORCH);
    Value sq = tensor_binop(I, BIN_POW, val_obj(x), val_int(2));
    for (int i = 0; i < 5; i++) {
        float xi = (float)i * 0.1f;
        cr_expect_eq((float)tensor_get(AS_TENSOR(sq), i), xi * xi);
    }
    Value m = tensor_binop(I, BIN_MUL, val_float(0.01), val_obj(x));
    cr_expect_eq((float)tensor_get(AS_TENSOR(m), 3), 0.01f * (0.3f));
    val_decref(sq);
    val_decref(m);
    val_decref(val_obj(x));
}

Test(tensor, random_generators_match, .init = setup, .fini = teardown) {
    rng_torch_seed(0);
    int64_t n = 3;
    Tensor *t = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, &n);
    rng_torch_uniform(t);
    cr_expect_eq(tensor_get(t, 0), 0.49625658988952637);
    cr_expect_eq(tensor_get(t, 2), 0.08847743272781372);
    rng_torch_normal(t);
    cr_expect_eq(tensor_get(t, 0), 0.3643381893634796);
    int64_t n17 = 17;
    Tensor *u = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 1, &n17);
    rng_torch_normal(u);
    cr_expect_eq(tensor_get(u, 1), 0.16645534336566925);
    rng_np_seed(0);
    Tensor *a = tensor_new(I, DT_FLOAT64, FLAVOR_NUMPY, 1, &n);
    rng_np_uniform(a);
    cr_expect_eq(tensor_get(a, 0), 0.5488135039273248);
    rng_np_normal(a);
    cr_expect_eq(tensor_get(a, 0), -2.268328201180374);
    cr_expect_eq(tensor_get(a, 1), 1.3335453816218967);
    val_decref(val_obj(t)); val_decref(val_obj(u)); val_decref(val_obj(a));
}

Test(tensor, giant_shapes_are_memory_errors, .init = setup, .fini = teardown) {
    int64_t s[3] = {1000000, 1000000, 1000000};
    cr_expect_null(tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 3, s));
    cr_expect(err_is(I, EXC_MemoryError));
    err_clear(I);
}

/* torch's float32 transcendentals are SLEEF's (AVX2), NumPy's its own SIMD loops: each can
 * differ from libm by an ulp, and from each other (exp(2.5): torch 12.182494, NumPy 12.182493). */
static void expect_unary(OpKind op, int flavor, const double *want, bool absolute) {
    static const float xs[5] = {0.3f, -1.7f, 2.5f, 0.01f, 7.0f};
    int64_t n = 5;
    Tensor *x = tensor_new(I, DT_FLOAT32, flavor, 1, &n);
    for (int i = 0; i < 5; i++) ((float *)x->storage->data)[i] = absolute ? fabsf(xs[i]) : xs[i];
    Tensor *y = tensor_unary(I, op, x, 0, 0);
    cr_assert_not_null(y);
    for (int i = 0; i < 5; i++)
        cr_expect_eq(tensor_get(y, i), want[i], "%s(%s)[%d]: %.17g, want %.17g", op_name[op],
                     flavor == FLAVOR_TORCH ? "torch" : "numpy", i, tensor_get(y, i), want[i]);
    val_decref(val_obj(x));
    val_decref(val_obj(y));
}

Test(tensor, transcendentals_match_torch_and_numpy, .init = setup, .fini = teardown) {
    static const double t_exp[5] = {1.3498587608337402, 0.18268351256847382, 12.182494163513184, 1.0100501775741577, 1096.6331787109375};
    static const double t_log[5] = {-1.2039728164672852, 0.5306282639503479, 0.9162907600402832, -4.605170249938965, 1.945910096168518};
    static const double t_sin[5] = {0.29552021622657776, -0.9916647672653198, 0.5984721183776855, 0.009999833069741726, 0.6569865942001343};
    static const double t_cos[5] = {0.9553365111351013, -0.12884454429149628, -0.8011435866355896, 0.9999499917030334, 0.7539022564888};
    static const double t_tanh[5] = {0.29131263494491577, -0.9354090690612793, 0.9866142868995667, 0.00999966636300087, 0.9999983310699463};
    static const double t_sig[5] = {0.5744425058364868, 0.15446525812149048, 0.9241418242454529, 0.5024999976158142, 0.9990890026092529};
    static const double n_exp[5] = {1.3498587608337402, 0.18268351256847382, 12.182493209838867, 1.0100502967834473, 1096.6331787109375};
    static const double n_log[5] = {-1.2039728164672852, 0.5306282639503479, 0.9162907600402832, -4.605170249938965, 1.9459102153778076};
    static const double n_sin[5] = {0.29552021622657776, -0.9916648268699646, 0.5984721779823303, 0.009999833069741726, 0.6569865942001343};
    static const double n_cos[5] = {0.9553365111351013, -0.12884454429149628, -0.8011435866355896, 0.9999499917030334, 0.7539022564888};
    expect_unary(OP_EXP, FLAVOR_TORCH, t_exp, false);
    expect_unary(OP_LOG, FLAVOR_TORCH, t_log, true);
    expect_unary(OP_SIN, FLAVOR_TORCH, t_sin, false);
    expect_unary(OP_COS, FLAVOR_TORCH, t_cos, false);
    expect_unary(OP_TANH, FLAVOR_TORCH, t_tanh, false);
    expect_unary(OP_SIGMOID, FLAVOR_TORCH, t_sig, false);
    expect_unary(OP_EXP, FLAVOR_NUMPY, n_exp, false);
    expect_unary(OP_LOG, FLAVOR_NUMPY, n_log, true);
    expect_unary(OP_SIN, FLAVOR_NUMPY, n_sin, false);
    expect_unary(OP_COS, FLAVOR_NUMPY, n_cos, false);
}

/* torch.randn(4, 6, 5).sum(1): a middle-dim reduction is an outer reduction per block. */
Test(tensor, middle_dim_sum_order, .init = setup, .fini = teardown) {
    rng_torch_seed(7);
    int64_t s[3] = {4, 6, 5};
    Tensor *y = tensor_new(I, DT_FLOAT32, FLAVOR_TORCH, 3, s);
    rng_torch_normal(y);
    Tensor *r = kern_sum(I, y, 2u, false, DT_FLOAT32, false);
    cr_assert_not_null(r);
    cr_expect_eq(tensor_get(r, 0), -0.6214362382888794);
    cr_expect_eq(tensor_get(r, 1), -3.3219380378723145);
    cr_expect_eq(tensor_get(r, 2), 1.0830912590026855);
    val_decref(val_obj(r));
    val_decref(val_obj(y));
}
