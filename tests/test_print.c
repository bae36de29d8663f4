/* test_print.c — tensor printing (tensor_print.c) against torch 1.13 / NumPy 1.24.
 *
 * Every expected string below was produced by the oracle (/usr/bin/python3 with torch 1.13
 * and numpy 1.24) from the same shape and values: repr()/str() of torch.from_numpy(...) or of
 * the NumPy array / scalar, and f-strings for the format cases. Tensors are built by hand
 * here so that these tests depend on nothing of tensor.c. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "tensor.h"

TestSuite(print, .timeout = 10.0);

/* Values generated in C and in Python alike: kind 0 is a*i + b, kind 1 is sin(i)*a + b
 * (both in double, then converted to the dtype). */
typedef struct { int kind; double a, b; } TpFill;

static Tensor *tp_make(Flavor fl, DType dt, int ndim, const int64_t *shape, const double *vals,
                       const TpFill *fill, int transpose, int requires_grad) {
    Tensor *t = calloc(1, sizeof *t);
    Storage *s = calloc(1, sizeof *s);
    cr_assert(t && s);
    t->storage = s;
    s->rc = 1;
    t->flavor = (uint8_t)fl;
    t->dtype = dt;
    t->ndim = ndim;
    t->numel = 1;
    for (int i = 0; i < ndim; i++) { t->shape[i] = shape[i]; t->numel *= shape[i]; }
    for (int64_t st = 1, i = ndim - 1; i >= 0; i--) { t->stride[i] = st; st *= t->shape[i]; }
    size_t es = dt == DT_FLOAT32 ? 4 : dt == DT_BOOL ? 1 : 8;
    s->nbytes = (size_t)(t->numel ? t->numel : 1) * es;
    s->data = calloc(1, s->nbytes);
    cr_assert(s->data);
    for (int64_t i = 0; i < t->numel; i++) {
        double v = vals ? vals[i] : fill->kind == 0 ? fill->a * (double)i + fill->b : sin((double)i) * fill->a + fill->b;
        switch (dt) {
        case DT_FLOAT32: ((float *)s->data)[i] = (float)v; break;
        case DT_FLOAT64: ((double *)s->data)[i] = v; break;
        case DT_INT64: ((int64_t *)s->data)[i] = (int64_t)v; break;
        default: ((uint8_t *)s->data)[i] = v != 0; break;
        }
    }
    if (transpose) { /* the values fill the shape given; the test sees its transpose (a view) */
        int a = ndim - 2, b = ndim - 1;
        int64_t x = t->shape[a]; t->shape[a] = t->shape[b]; t->shape[b] = x;
        x = t->stride[a]; t->stride[a] = t->stride[b]; t->stride[b] = x;
    }
    t->requires_grad = requires_grad != 0;
    return t;
}

static void tp_free(Tensor *t) {
    free(t->storage->data);
    free(t->storage);
    free(t);
}

static void tp_expect(Tensor *t, const char *want, bool repr) {
    StrBuf sb;
    sb_init(&sb);
    bool ok = repr ? tensor_repr(NULL, &sb, val_obj(t)) : tensor_str(NULL, &sb, val_obj(t));
    cr_assert(ok);
    cr_expect_str_eq(sb.data ? sb.data : "", want, "%s:\n%s\nwanted:\n%s", repr ? "repr" : "str",
                     sb.data ? sb.data : "", want);
    sb_free(&sb);
}
static void tp_expect_repr(Tensor *t, const char *want) { tp_expect(t, want, true); }
static void tp_expect_str(Tensor *t, const char *want) { tp_expect(t, want, false); }

/* format(t, spec) == want, or (want NULL) TypeError with message err. */
static void tp_expect_format(Tensor *t, const char *spec, const char *want, const char *err) {
    Interp I;
    memset(&I, 0, sizeof I);
    StrBuf sb;
    sb_init(&sb);
    bool ok = tensor_format(&I, &sb, val_obj(t), spec, strlen(spec));
    if (want) {
        cr_assert(ok, "format spec '%s' failed", spec);
        cr_expect_str_eq(sb.data ? sb.data : "", want, "format '%s'", spec);
    } else {
        cr_assert(!ok);
        cr_assert(I.err.pending);
        cr_expect_eq(I.err.kind, EXC_TypeError);
        cr_expect_str_eq(I.err.msg, err);
        err_clear(&I);
    }
    sb_free(&sb);
}

/* ---- format(t, spec): torch's Tensor.__format__, NumPy's scalar and ndarray __format__ ---- */
Test(print, format_torch_scalar_spec) {
    static const double v[] = {1.2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 0, NULL, v, NULL, 0, 0);
    tp_expect_format(t, ".3f", "1.200", NULL);
    tp_free(t);
}

Test(print, format_torch_scalar_empty_spec_is_item_str) {
    static const double v[] = {0.3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 0, NULL, v, NULL, 0, 1);
    tp_expect_format(t, "", "0.30000001192092896", NULL);
    tp_free(t);
}

Test(print, format_torch_loss) {
    static const double v[] = {30.0};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 0, NULL, v, NULL, 0, 0);
    tp_expect_format(t, ".8f", "30.00000000", NULL);
    tp_free(t);
}

Test(print, format_torch_float64_e) {
    static const double v[] = {1.5};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT64, 0, NULL, v, NULL, 0, 0);
    tp_expect_format(t, "e", "1.500000e+00", NULL);
    tp_free(t);
}

Test(print, format_torch_int_and_bool_scalars) {
    static const double v3[] = {3}, vt[] = {1};
    Tensor *i = tp_make(FLAVOR_TORCH, DT_INT64, 0, NULL, v3, NULL, 0, 0);
    Tensor *b = tp_make(FLAVOR_TORCH, DT_BOOL, 0, NULL, vt, NULL, 0, 0);
    tp_expect_format(i, "5d", "    3", NULL);
    tp_expect_format(b, "", "True", NULL);
    tp_expect_format(b, ".2f", "1.00", NULL);
    tp_free(i);
    tp_free(b);
}

Test(print, format_torch_vector) {
    static const double v[] = {1.0};
    static const int64_t shape[] = {1};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_format(t, "", "tensor([1.])", NULL);
    tp_expect_format(t, ".3f", NULL, "unsupported format string passed to Tensor.__format__");
    tp_free(t);
}

Test(print, format_numpy_scalars) {
    static const double vf[] = {0.1}, vl[] = {4.7999992}, vi[] = {7};
    Tensor *f = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, NULL, vf, NULL, 0, 0);
    Tensor *l = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, NULL, vl, NULL, 0, 0);
    Tensor *i = tp_make(FLAVOR_NUMPY_SCALAR, DT_INT64, 0, NULL, vi, NULL, 0, 0);
    tp_expect_format(f, ".8f", "0.10000000", NULL);
    tp_expect_format(f, "", "0.10000000149011612", NULL);
    tp_expect_format(l, ".8f", "4.79999924", NULL);
    tp_expect_format(i, "03d", "007", NULL);
    tp_free(f);
    tp_free(l);
    tp_free(i);
}

Test(print, format_numpy_arrays) {
    static const double v[] = {1.0}, v0[] = {2.5};
    static const int64_t shape[] = {1};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    Tensor *z = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 0, NULL, v0, NULL, 0, 0);
    tp_expect_format(t, "", "[1.]", NULL);
    tp_expect_format(t, ".3f", NULL, "unsupported format string passed to numpy.ndarray.__format__");
    tp_expect_format(z, ".2f", "2.50", NULL); /* a 0-d array formats as its scalar */
    tp_free(t);
    tp_free(z);
}

/* ---- repr / str, generated from the oracle ------------------------------------------- */
Test(print, torch_floats_int_mode) {
    static const double v[] = {1, 2, 3, 4};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1., 2., 3., 4.])");
    tp_free(t);
}

Test(print, torch_scalar_requires_grad) {
    static const double v[] = {0.3};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 0, shape, v, NULL, 0, 1);
    tp_expect_repr(t, "tensor(0.3000, requires_grad=True)");
    tp_free(t);
}

Test(print, torch_scalar_int_mode) {
    static const double v[] = {30.0};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor(30.)");
    tp_free(t);
}

Test(print, torch_scalar_int) {
    static const double v[] = {5};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor(5)");
    tp_free(t);
}

Test(print, torch_scalar_bool) {
    static const double v[] = {1};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_TORCH, DT_BOOL, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor(True)");
    tp_free(t);
}

Test(print, torch_ints) {
    static const double v[] = {1, 2, 3};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1, 2, 3])");
    tp_free(t);
}

Test(print, torch_ints_negative_wide) {
    static const double v[] = {-1000000000000, 7, 0, 123};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([-1000000000000,              7,              0,            123])");
    tp_free(t);
}

Test(print, torch_bools) {
    static const double v[] = {1, 0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_BOOL, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([ True, False])");
    tp_free(t);
}

Test(print, torch_bools_all_true) {
    static const double v[] = {1, 1};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_BOOL, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([True, True])");
    tp_free(t);
}

Test(print, torch_float64_suffix) {
    static const double v[] = {1.5, 2.25};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.5000, 2.2500], dtype=torch.float64)");
    tp_free(t);
}

Test(print, torch_empty) {
    static const int64_t shape[] = {0};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "tensor([])");
    tp_free(t);
}

Test(print, torch_empty_2d) {
    static const int64_t shape[] = {0, 3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 2, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "tensor([], size=(0, 3))");
    tp_free(t);
}

Test(print, torch_empty_int) {
    static const int64_t shape[] = {0};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 1, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "tensor([], dtype=torch.int64)");
    tp_free(t);
}

Test(print, torch_empty_float64_2d) {
    static const int64_t shape[] = {2, 0};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT64, 2, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "tensor([], size=(2, 0), dtype=torch.float64)");
    tp_free(t);
}

Test(print, torch_2x2) {
    static const double v[] = {1, 2, 3, 4};
    static const int64_t shape[] = {2, 2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 2, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([[1., 2.],\n"
        "        [3., 4.]])");
    tp_free(t);
}

Test(print, torch_fixed) {
    static const double v[] = {0.1, 0.25, -1.5};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([ 0.1000,  0.2500, -1.5000])");
    tp_free(t);
}

Test(print, torch_fixed_negative_2d) {
    static const double v[] = {-0.5, 12.25, 3.125, -100.75, 0.001, 7};
    static const int64_t shape[] = {2, 3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 2, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([[-5.0000e-01,  1.2250e+01,  3.1250e+00],\n"
        "        [-1.0075e+02,  1.0000e-03,  7.0000e+00]])");
    tp_free(t);
}

Test(print, torch_sci_large) {
    static const double v[] = {10000000000.0, 1.5};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e+10, 1.5000e+00])");
    tp_free(t);
}

Test(print, torch_sci_small) {
    static const double v[] = {1e-05, 0.5};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e-05, 5.0000e-01])");
    tp_free(t);
}

Test(print, torch_sci_ratio) {
    static const double v[] = {0.001, 0.5, 2.5};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e-03, 5.0000e-01, 2.5000e+00])");
    tp_free(t);
}

Test(print, torch_int_mode_ratio_sci) {
    static const double v[] = {1, 10000};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e+00, 1.0000e+04])");
    tp_free(t);
}

Test(print, torch_int_mode_big_sci) {
    static const double v[] = {1000000000.0};
    static const int64_t shape[] = {1};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e+09])");
    tp_free(t);
}

Test(print, torch_int_mode_no_sci) {
    static const double v[] = {1, 1000, -7};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([   1., 1000.,   -7.])");
    tp_free(t);
}

Test(print, torch_inf_nan) {
    static const double v[] = {1, INFINITY, NAN, -INFINITY};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1., inf, nan, -inf])");
    tp_free(t);
}

Test(print, torch_inf_nan_fixed) {
    static const double v[] = {1.5, INFINITY, NAN, -INFINITY};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.5000,    inf,    nan,   -inf])");
    tp_free(t);
}

Test(print, torch_inf_nan_sci) {
    static const double v[] = {1e-06, INFINITY, NAN, -INFINITY};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([1.0000e-06,        inf,        nan,       -inf])");
    tp_free(t);
}

Test(print, torch_all_nonfinite) {
    static const double v[] = {NAN, INFINITY};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([nan, inf])");
    tp_free(t);
}

Test(print, torch_zeros) {
    static const double v[] = {0, 0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([0., 0.])");
    tp_free(t);
}

Test(print, torch_negative_zero) {
    static const double v[] = {-0.0, 1.0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([-0., 1.])");
    tp_free(t);
}

Test(print, torch_rounding_float32) {
    static const double v[] = {0.30000000000000004, 0.6666666666666666, 1.00005};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([0.3000, 0.6667, 1.0000])");
    tp_free(t);
}

Test(print, torch_summarised_1d) {
    static const TpFill f = {0, 1.0, 0.0};
    static const int64_t shape[] = {1001};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])");
    tp_free(t);
}

Test(print, torch_summarised_1d_fixed) {
    static const TpFill f = {1, 1.5, 0.0};
    static const int64_t shape[] = {2000};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([ 0.0000,  1.2622,  1.3639,  ..., -1.3033, -0.0794,  1.2176])");
    tp_free(t);
}

Test(print, torch_summarised_2d) {
    static const TpFill f = {0, 0.5, -3.0};
    static const int64_t shape[] = {40, 40};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 2, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[ -3.0000,  -2.5000,  -2.0000,  ...,  15.5000,  16.0000,  16.5000],\n"
        "        [ 17.0000,  17.5000,  18.0000,  ...,  35.5000,  36.0000,  36.5000],\n"
        "        [ 37.0000,  37.5000,  38.0000,  ...,  55.5000,  56.0000,  56.5000],\n"
        "        ...,\n"
        "        [737.0000, 737.5000, 738.0000,  ..., 755.5000, 756.0000, 756.5000],\n"
        "        [757.0000, 757.5000, 758.0000,  ..., 775.5000, 776.0000, 776.5000],\n"
        "        [777.0000, 777.5000, 778.0000,  ..., 795.5000, 796.0000, 796.5000]])");
    tp_free(t);
}

Test(print, torch_summarised_rows_only) {
    static const TpFill f = {0, 1.0, 0.0};
    static const int64_t shape[] = {2, 1000};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 2, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[   0,    1,    2,  ...,  997,  998,  999],\n"
        "        [1000, 1001, 1002,  ..., 1997, 1998, 1999]])");
    tp_free(t);
}

Test(print, torch_summarised_3d) {
    static const TpFill f = {1, 100.0, 0.0};
    static const int64_t shape[] = {12, 10, 10};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 3, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[[  0.0000,  84.1471,  90.9297,  ...,  65.6987,  98.9358,  41.2118],\n"
        "         [-54.4021, -99.9990, -53.6573,  ..., -96.1397, -75.0987,  14.9877],\n"
        "         [ 91.2945,  83.6656,  -0.8851,  ...,  95.6376,  27.0906, -66.3634],\n"
        "         ...,\n"
        "         [ 77.3891,  95.1055,  25.3823,  ...,  99.9520,  51.3978, -44.4113],\n"
        "         [-99.3889, -62.9888,  31.3229,  ..., -82.1818,   3.5398,  86.0069],\n"
        "         [ 89.3997,  10.5988, -77.9466,  ...,  37.9608, -57.3382, -99.9207]],\n"
        "\n"
        "        [[-50.6366,  45.2026,  99.4827,  ...,  18.4782,  92.6819,  81.6743],\n"
        "         [ -4.4243, -86.4551, -88.9996,  ..., -68.9698, -98.1952, -37.1404],\n"
        "         [ 58.0611,  99.8815,  49.8713,  ...,  97.2630,  72.1038, -19.3473],\n"
        "         ...,\n"
        "         [ 34.6649,  97.6591,  70.8659,  ...,  87.7590,  87.7575,   7.0722],\n"
        "         [-80.1153, -93.6451, -21.0781,  ..., -99.7171, -47.5524,  48.3318],\n"
        "         [ 99.7799,  59.4909, -35.4938,  ...,  79.5806,  -7.9579, -88.1799]],\n"
        "\n"
        "        [[-87.3297,  -6.1890,  80.6418,  ..., -33.8305,  60.9068,  99.6467],\n"
        "         [ 46.7719, -49.1048, -99.8347,  ..., -22.8082, -94.2524, -79.0415],\n"
        "         [  8.8399,  88.5939,  86.8951,  ...,  72.1059,  97.2623,  32.9962],\n"
        "         ...,\n"
        "         [-17.6046,  73.3211,  96.8357,  ...,  51.4004,  99.9521,  56.6083],\n"
        "         [-38.7809, -98.5151, -67.6750,  ..., -89.7941, -85.5504,  -2.6521],\n"
        "         [ 82.6846,  92.0014,  16.7326,  ...,  99.2869,  43.6138, -52.1577]],\n"
        "\n"
        "        ...,\n"
        "\n"
        "        [[ 99.7803,  59.4860, -35.4995,  ...,  79.5769,  -7.9639, -88.1827],\n"
        "         [-87.3268,  -6.1830,  80.6454,  ..., -33.8248,  60.9116,  99.6462],\n"
        "         [ 46.7665, -49.1100, -99.8351,  ..., -22.8140, -94.2545, -79.0378],\n"
        "         ...,\n"
        "         [ 68.3196, -24.5340, -94.8311,  ...,   3.5308, -82.1869, -92.3424],\n"
        "         [-17.5987,  73.3252,  96.8342,  ...,  51.4056,  99.9523,  56.6033],\n"
        "         [-38.7865, -98.5162, -67.6705,  ..., -89.7967, -85.5473,  -2.6461]],\n"
        "\n"
        "        [[ 82.6880,  91.9991,  16.7267,  ...,  99.2862,  43.6083, -52.1628],\n"
        "         [-99.9757, -55.8714,  39.6008,  ..., -76.8197,  12.3663,  90.1827],\n"
        "         [ 85.0856,   1.7612, -83.1825,  ...,  29.6282, -64.3607, -99.1767],\n"
        "         ...,\n"
        "         [ 95.8899,  27.9329, -65.7055,  ...,  53.6497, -42.0249, -99.0620],\n"
        "         [-65.0219,  28.7990,  96.1422,  ...,   0.8942,  84.6269,  90.5540],\n"
        "         [ 13.2262, -76.2617, -95.6349,  ..., -55.1502, -99.9911, -52.9006]],\n"
        "\n"
        "        [[ 42.8264,  99.1790,  64.3469,  ...,  91.6558,  83.1725,  -1.7792],\n"
        "         [-85.0951, -90.1749, -12.3483,  ..., -98.6613, -39.5842,  55.8864],\n"
        "         [ 99.9753,  52.1474, -43.6246,  ...,  73.9120, -16.7445, -92.0061],\n"
        "         ...,\n"
        "         [ 97.0557,  72.7080, -18.4871,  ...,  88.9954,   9.7092, -78.5036],\n"
        "         [-94.5406, -23.6574,  68.9763,  ..., -49.8635,  45.9984,  99.5695],\n"
        "         [ 61.5969, -33.0076, -97.2651,  ...,  -5.3174, -86.9010, -88.5883]]])");
    tp_free(t);
}

Test(print, torch_3d) {
    static const TpFill f = {0, 0.25, 0.0};
    static const int64_t shape[] = {2, 3, 4};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 3, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[[0.0000, 0.2500, 0.5000, 0.7500],\n"
        "         [1.0000, 1.2500, 1.5000, 1.7500],\n"
        "         [2.0000, 2.2500, 2.5000, 2.7500]],\n"
        "\n"
        "        [[3.0000, 3.2500, 3.5000, 3.7500],\n"
        "         [4.0000, 4.2500, 4.5000, 4.7500],\n"
        "         [5.0000, 5.2500, 5.5000, 5.7500]]])");
    tp_free(t);
}

Test(print, torch_4d) {
    static const TpFill f = {0, 3.0, -5.0};
    static const int64_t shape[] = {2, 2, 1, 3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 4, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[[[-5, -2,  1]],\n"
        "\n"
        "         [[ 4,  7, 10]]],\n"
        "\n"
        "\n"
        "        [[[13, 16, 19]],\n"
        "\n"
        "         [[22, 25, 28]]]])");
    tp_free(t);
}

Test(print, torch_wrap_1d) {
    static const TpFill f = {1, 2.0, 0.0};
    static const int64_t shape[] = {30};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([ 0.0000,  1.6829,  1.8186,  0.2822, -1.5136, -1.9178, -0.5588,  1.3140,\n"
        "         1.9787,  0.8242, -1.0880, -2.0000, -1.0731,  0.8403,  1.9812,  1.3006,\n"
        "        -0.5758, -1.9228, -1.5020,  0.2998,  1.8259,  1.6733, -0.0177, -1.6924,\n"
        "        -1.8112, -0.2647,  1.5251,  1.9128,  0.5418, -1.3273])");
    tp_free(t);
}

Test(print, torch_wrap_ints) {
    static const TpFill f = {0, 7.0, -100.0};
    static const int64_t shape[] = {50};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_INT64, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([-100,  -93,  -86,  -79,  -72,  -65,  -58,  -51,  -44,  -37,  -30,  -23,\n"
        "         -16,   -9,   -2,    5,   12,   19,   26,   33,   40,   47,   54,   61,\n"
        "          68,   75,   82,   89,   96,  103,  110,  117,  124,  131,  138,  145,\n"
        "         152,  159,  166,  173,  180,  187,  194,  201,  208,  215,  222,  229,\n"
        "         236,  243])");
    tp_free(t);
}

Test(print, torch_wrap_2d) {
    static const TpFill f = {1, 0.003, 0.0};
    static const int64_t shape[] = {3, 15};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT64, 2, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([[ 0.0000e+00,  2.5244e-03,  2.7279e-03,  4.2336e-04, -2.2704e-03,\n"
        "         -2.8768e-03, -8.3825e-04,  1.9710e-03,  2.9681e-03,  1.2364e-03,\n"
        "         -1.6321e-03, -3.0000e-03, -1.6097e-03,  1.2605e-03,  2.9718e-03],\n"
        "        [ 1.9509e-03, -8.6371e-04, -2.8842e-03, -2.2530e-03,  4.4963e-04,\n"
        "          2.7388e-03,  2.5100e-03, -2.6554e-05, -2.5387e-03, -2.7167e-03,\n"
        "         -3.9706e-04,  2.2877e-03,  2.8691e-03,  8.1272e-04, -1.9909e-03],\n"
        "        [-2.9641e-03, -1.2121e-03,  1.6543e-03,  2.9997e-03,  1.5872e-03,\n"
        "         -1.2845e-03, -2.9753e-03, -1.9306e-03,  8.8911e-04,  2.8914e-03,\n"
        "          2.2353e-03, -4.7587e-04, -2.7496e-03, -2.4953e-03,  5.3106e-05]],\n"
        "       dtype=torch.float64)");
    tp_free(t);
}

Test(print, torch_wrap_sci) {
    static const TpFill f = {1, 1e-06, 0.0};
    static const int64_t shape[] = {12};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "tensor([ 0.0000e+00,  8.4147e-07,  9.0930e-07,  1.4112e-07, -7.5680e-07,\n"
        "        -9.5892e-07, -2.7942e-07,  6.5699e-07,  9.8936e-07,  4.1212e-07,\n"
        "        -5.4402e-07, -9.9999e-07])");
    tp_free(t);
}

Test(print, torch_requires_grad_suffix_wraps) {
    static const TpFill f = {1, 10.0, 0.0};
    static const int64_t shape[] = {9};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 1);
    tp_expect_repr(t, "tensor([ 0.0000,  8.4147,  9.0930,  1.4112, -7.5680, -9.5892, -2.7942,  6.5699,\n"
        "         9.8936], requires_grad=True)");
    tp_free(t);
}

Test(print, torch_requires_grad_on_new_line) {
    static const TpFill f = {1, 1.0, 0.0};
    static const int64_t shape[] = {6};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, NULL, &f, 0, 1);
    tp_expect_repr(t, "tensor([ 0.0000,  0.8415,  0.9093,  0.1411, -0.7568, -0.9589],\n"
        "       requires_grad=True)");
    tp_free(t);
}

Test(print, torch_requires_grad_2d) {
    static const double v[] = {1.5, 2, 3, 4};
    static const int64_t shape[] = {2, 2};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT64, 2, shape, v, NULL, 0, 1);
    tp_expect_repr(t, "tensor([[1.5000, 2.0000],\n"
        "        [3.0000, 4.0000]], dtype=torch.float64, requires_grad=True)");
    tp_free(t);
}

Test(print, torch_transposed_view) {
    static const double v[] = {1, 2, 3, 4, 5, 6.5};
    static const int64_t shape[] = {2, 3};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 2, shape, v, NULL, 1, 0);
    tp_expect_repr(t, "tensor([[1.0000, 4.0000],\n"
        "        [2.0000, 5.0000],\n"
        "        [3.0000, 6.5000]])");
    tp_free(t);
}

Test(print, torch_one_element_1d) {
    static const double v[] = {4.5};
    static const int64_t shape[] = {1};
    Tensor *t = tp_make(FLAVOR_TORCH, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "tensor([4.5000])");
    tp_free(t);
}

Test(print, np_floats) {
    static const double v[] = {1, 2, 3, 4};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1., 2., 3., 4.], dtype=float32)");
    tp_expect_str(t, "[1. 2. 3. 4.]");
    tp_free(t);
}

Test(print, np_float64_no_dtype) {
    static const double v[] = {0.1, 0.2, 0.3};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([0.1, 0.2, 0.3])");
    tp_expect_str(t, "[0.1 0.2 0.3]");
    tp_free(t);
}

Test(print, np_float64_sum_digits) {
    static const double v[] = {0.30000000000000004, 0.3333333333333333};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([0.3       , 0.33333333])");
    tp_expect_str(t, "[0.3        0.33333333]");
    tp_free(t);
}

Test(print, np_float32_shortest) {
    static const double v[] = {0.1, 0.3333333333333333, 2.5};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([0.1       , 0.33333334, 2.5       ], dtype=float32)");
    tp_expect_str(t, "[0.1        0.33333334 2.5       ]");
    tp_free(t);
}

Test(print, np_ints_2d) {
    static const double v[] = {1, 2, 3, 4};
    static const int64_t shape[] = {2, 2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 2, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([[1, 2],\n"
        "       [3, 4]])");
    tp_expect_str(t, "[[1 2]\n"
        " [3 4]]");
    tp_free(t);
}

Test(print, np_ints_negative) {
    static const double v[] = {-5, 100, 7};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([ -5, 100,   7])");
    tp_expect_str(t, "[ -5 100   7]");
    tp_free(t);
}

Test(print, np_bools) {
    static const double v[] = {1, 0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_BOOL, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([ True, False])");
    tp_expect_str(t, "[ True False]");
    tp_free(t);
}

Test(print, np_negative_zero) {
    static const double v[] = {-0.0, 1.5};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([-0. ,  1.5], dtype=float32)");
    tp_expect_str(t, "[-0.   1.5]");
    tp_free(t);
}

Test(print, np_inf_nan) {
    static const double v[] = {1.5, INFINITY, NAN, -INFINITY};
    static const int64_t shape[] = {4};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([ 1.5,  inf,  nan, -inf], dtype=float32)");
    tp_expect_str(t, "[ 1.5  inf  nan -inf]");
    tp_free(t);
}

Test(print, np_all_nonfinite) {
    static const double v[] = {NAN, INFINITY};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([nan, inf])");
    tp_expect_str(t, "[nan inf]");
    tp_free(t);
}

Test(print, np_maxprec_padding) {
    static const double v[] = {1.5, 2.25, -10.0};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([  1.5 ,   2.25, -10.  ])");
    tp_expect_str(t, "[  1.5    2.25 -10.  ]");
    tp_free(t);
}

Test(print, np_precision_cutoff) {
    static const double v[] = {0.123456789, 1};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([0.12345679, 1.        ])");
    tp_expect_str(t, "[0.12345679 1.        ]");
    tp_free(t);
}

Test(print, np_exp_small) {
    static const double v[] = {1e-05, 1.0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1.e-05, 1.e+00], dtype=float32)");
    tp_expect_str(t, "[1.e-05 1.e+00]");
    tp_free(t);
}

Test(print, np_exp_large) {
    static const double v[] = {100000000.0, 1.0};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1.e+08, 1.e+00])");
    tp_expect_str(t, "[1.e+08 1.e+00]");
    tp_free(t);
}

Test(print, np_exp_float32_digits) {
    static const double v[] = {1e-05, 1.2345678};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([9.9999997e-06, 1.2345678e+00], dtype=float32)");
    tp_expect_str(t, "[9.9999997e-06 1.2345678e+00]");
    tp_free(t);
}

Test(print, np_exp_three_digit_exponent) {
    static const double v[] = {1e+100, 1e-100};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1.e+100, 1.e-100])");
    tp_expect_str(t, "[1.e+100 1.e-100]");
    tp_free(t);
}

Test(print, np_exp_with_nonfinite) {
    static const double v[] = {1e-07, NAN, -INFINITY};
    static const int64_t shape[] = {3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1.e-07,    nan,   -inf])");
    tp_expect_str(t, "[1.e-07    nan   -inf]");
    tp_free(t);
}

Test(print, np_float32_threshold_1e4) {
    static const double v[] = {0.0001, 0.05};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([1.e-04, 5.e-02], dtype=float32)");
    tp_expect_str(t, "[1.e-04 5.e-02]");
    tp_free(t);
}

Test(print, np_float64_threshold_1e4) {
    static const double v[] = {0.0001, 0.05};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([0.0001, 0.05  ])");
    tp_expect_str(t, "[0.0001 0.05  ]");
    tp_free(t);
}

Test(print, np_large_integer_part_float32) {
    static const double v[] = {35069552.0, 1.5};
    static const int64_t shape[] = {2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array([3.506955e+07, 1.500000e+00], dtype=float32)");
    tp_expect_str(t, "[3.506955e+07 1.500000e+00]");
    tp_free(t);
}

Test(print, np_3d_ints) {
    static const TpFill f = {0, 5.0, -20.0};
    static const int64_t shape[] = {2, 2, 3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 3, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([[[-20, -15, -10],\n"
        "        [ -5,   0,   5]],\n"
        "\n"
        "       [[ 10,  15,  20],\n"
        "        [ 25,  30,  35]]])");
    tp_expect_str(t, "[[[-20 -15 -10]\n"
        "  [ -5   0   5]]\n"
        "\n"
        " [[ 10  15  20]\n"
        "  [ 25  30  35]]]");
    tp_free(t);
}

Test(print, np_3d_floats) {
    static const TpFill f = {1, 1.0, 0.0};
    static const int64_t shape[] = {2, 3, 2};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 3, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([[[ 0.        ,  0.84147096],\n"
        "        [ 0.9092974 ,  0.14112   ],\n"
        "        [-0.7568025 , -0.9589243 ]],\n"
        "\n"
        "       [[-0.2794155 ,  0.6569866 ],\n"
        "        [ 0.98935825,  0.4121185 ],\n"
        "        [-0.5440211 , -0.9999902 ]]], dtype=float32)");
    tp_expect_str(t, "[[[ 0.          0.84147096]\n"
        "  [ 0.9092974   0.14112   ]\n"
        "  [-0.7568025  -0.9589243 ]]\n"
        "\n"
        " [[-0.2794155   0.6569866 ]\n"
        "  [ 0.98935825  0.4121185 ]\n"
        "  [-0.5440211  -0.9999902 ]]]");
    tp_free(t);
}

Test(print, np_summarised_1d) {
    static const TpFill f = {0, 0.5, 0.0};
    static const int64_t shape[] = {2000};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([0.000e+00, 5.000e-01, 1.000e+00, ..., 9.985e+02, 9.990e+02,\n"
        "       9.995e+02])");
    tp_expect_str(t, "[0.000e+00 5.000e-01 1.000e+00 ... 9.985e+02 9.990e+02 9.995e+02]");
    tp_free(t);
}

Test(print, np_summarised_2d) {
    static const TpFill f = {1, 1.0, 0.0};
    static const int64_t shape[] = {50, 50};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 2, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([[ 0.        ,  0.84147096,  0.9092974 , ...,  0.12357312,\n"
        "        -0.76825464, -0.95375264],\n"
        "       [-0.26237485,  0.6702292 ,  0.9866276 , ...,  0.37960774,\n"
        "        -0.5733819 , -0.99920684],\n"
        "       [-0.50636566,  0.4520258 ,  0.9948268 , ...,  0.609044  ,\n"
        "        -0.3383334 , -0.97464865],\n"
        "       ...,\n"
        "       [ 0.08857887,  0.8860227 ,  0.8688613 , ...,  0.03518742,\n"
        "        -0.82193804, -0.92337745],\n"
        "       [-0.1758679 ,  0.73333377,  0.9683118 , ...,  0.29616705,\n"
        "        -0.64369965, -0.99175185],\n"
        "       [-0.427992  ,  0.5292617 ,  0.99991465, ...,  0.53639483,\n"
        "        -0.4203585 , -0.99063617]], dtype=float32)");
    tp_expect_str(t, "[[ 0.          0.84147096  0.9092974  ...  0.12357312 -0.76825464\n"
        "  -0.95375264]\n"
        " [-0.26237485  0.6702292   0.9866276  ...  0.37960774 -0.5733819\n"
        "  -0.99920684]\n"
        " [-0.50636566  0.4520258   0.9948268  ...  0.609044   -0.3383334\n"
        "  -0.97464865]\n"
        " ...\n"
        " [ 0.08857887  0.8860227   0.8688613  ...  0.03518742 -0.82193804\n"
        "  -0.92337745]\n"
        " [-0.1758679   0.73333377  0.9683118  ...  0.29616705 -0.64369965\n"
        "  -0.99175185]\n"
        " [-0.427992    0.5292617   0.99991465 ...  0.53639483 -0.4203585\n"
        "  -0.99063617]]");
    tp_free(t);
}

Test(print, np_summarised_3d) {
    static const TpFill f = {0, 1.0, 0.0};
    static const int64_t shape[] = {12, 10, 10};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 3, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([[[   0,    1,    2, ...,    7,    8,    9],\n"
        "        [  10,   11,   12, ...,   17,   18,   19],\n"
        "        [  20,   21,   22, ...,   27,   28,   29],\n"
        "        ...,\n"
        "        [  70,   71,   72, ...,   77,   78,   79],\n"
        "        [  80,   81,   82, ...,   87,   88,   89],\n"
        "        [  90,   91,   92, ...,   97,   98,   99]],\n"
        "\n"
        "       [[ 100,  101,  102, ...,  107,  108,  109],\n"
        "        [ 110,  111,  112, ...,  117,  118,  119],\n"
        "        [ 120,  121,  122, ...,  127,  128,  129],\n"
        "        ...,\n"
        "        [ 170,  171,  172, ...,  177,  178,  179],\n"
        "        [ 180,  181,  182, ...,  187,  188,  189],\n"
        "        [ 190,  191,  192, ...,  197,  198,  199]],\n"
        "\n"
        "       [[ 200,  201,  202, ...,  207,  208,  209],\n"
        "        [ 210,  211,  212, ...,  217,  218,  219],\n"
        "        [ 220,  221,  222, ...,  227,  228,  229],\n"
        "        ...,\n"
        "        [ 270,  271,  272, ...,  277,  278,  279],\n"
        "        [ 280,  281,  282, ...,  287,  288,  289],\n"
        "        [ 290,  291,  292, ...,  297,  298,  299]],\n"
        "\n"
        "       ...,\n"
        "\n"
        "       [[ 900,  901,  902, ...,  907,  908,  909],\n"
        "        [ 910,  911,  912, ...,  917,  918,  919],\n"
        "        [ 920,  921,  922, ...,  927,  928,  929],\n"
        "        ...,\n"
        "        [ 970,  971,  972, ...,  977,  978,  979],\n"
        "        [ 980,  981,  982, ...,  987,  988,  989],\n"
        "        [ 990,  991,  992, ...,  997,  998,  999]],\n"
        "\n"
        "       [[1000, 1001, 1002, ..., 1007, 1008, 1009],\n"
        "        [1010, 1011, 1012, ..., 1017, 1018, 1019],\n"
        "        [1020, 1021, 1022, ..., 1027, 1028, 1029],\n"
        "        ...,\n"
        "        [1070, 1071, 1072, ..., 1077, 1078, 1079],\n"
        "        [1080, 1081, 1082, ..., 1087, 1088, 1089],\n"
        "        [1090, 1091, 1092, ..., 1097, 1098, 1099]],\n"
        "\n"
        "       [[1100, 1101, 1102, ..., 1107, 1108, 1109],\n"
        "        [1110, 1111, 1112, ..., 1117, 1118, 1119],\n"
        "        [1120, 1121, 1122, ..., 1127, 1128, 1129],\n"
        "        ...,\n"
        "        [1170, 1171, 1172, ..., 1177, 1178, 1179],\n"
        "        [1180, 1181, 1182, ..., 1187, 1188, 1189],\n"
        "        [1190, 1191, 1192, ..., 1197, 1198, 1199]]])");
    tp_expect_str(t, "[[[   0    1    2 ...    7    8    9]\n"
        "  [  10   11   12 ...   17   18   19]\n"
        "  [  20   21   22 ...   27   28   29]\n"
        "  ...\n"
        "  [  70   71   72 ...   77   78   79]\n"
        "  [  80   81   82 ...   87   88   89]\n"
        "  [  90   91   92 ...   97   98   99]]\n"
        "\n"
        " [[ 100  101  102 ...  107  108  109]\n"
        "  [ 110  111  112 ...  117  118  119]\n"
        "  [ 120  121  122 ...  127  128  129]\n"
        "  ...\n"
        "  [ 170  171  172 ...  177  178  179]\n"
        "  [ 180  181  182 ...  187  188  189]\n"
        "  [ 190  191  192 ...  197  198  199]]\n"
        "\n"
        " [[ 200  201  202 ...  207  208  209]\n"
        "  [ 210  211  212 ...  217  218  219]\n"
        "  [ 220  221  222 ...  227  228  229]\n"
        "  ...\n"
        "  [ 270  271  272 ...  277  278  279]\n"
        "  [ 280  281  282 ...  287  288  289]\n"
        "  [ 290  291  292 ...  297  298  299]]\n"
        "\n"
        " ...\n"
        "\n"
        " [[ 900  901  902 ...  907  908  909]\n"
        "  [ 910  911  912 ...  917  918  919]\n"
        "  [ 920  921  922 ...  927  928  929]\n"
        "  ...\n"
        "  [ 970  971  972 ...  977  978  979]\n"
        "  [ 980  981  982 ...  987  988  989]\n"
        "  [ 990  991  992 ...  997  998  999]]\n"
        "\n"
        " [[1000 1001 1002 ... 1007 1008 1009]\n"
        "  [1010 1011 1012 ... 1017 1018 1019]\n"
        "  [1020 1021 1022 ... 1027 1028 1029]\n"
        "  ...\n"
        "  [1070 1071 1072 ... 1077 1078 1079]\n"
        "  [1080 1081 1082 ... 1087 1088 1089]\n"
        "  [1090 1091 1092 ... 1097 1098 1099]]\n"
        "\n"
        " [[1100 1101 1102 ... 1107 1108 1109]\n"
        "  [1110 1111 1112 ... 1117 1118 1119]\n"
        "  [1120 1121 1122 ... 1127 1128 1129]\n"
        "  ...\n"
        "  [1170 1171 1172 ... 1177 1178 1179]\n"
        "  [1180 1181 1182 ... 1187 1188 1189]\n"
        "  [1190 1191 1192 ... 1197 1198 1199]]]");
    tp_free(t);
}

Test(print, np_wrap_1d) {
    static const TpFill f = {1, 1.0, 0.0};
    static const int64_t shape[] = {30};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([ 0.        ,  0.84147098,  0.90929743,  0.14112001, -0.7568025 ,\n"
        "       -0.95892427, -0.2794155 ,  0.6569866 ,  0.98935825,  0.41211849,\n"
        "       -0.54402111, -0.99999021, -0.53657292,  0.42016704,  0.99060736,\n"
        "        0.65028784, -0.28790332, -0.96139749, -0.75098725,  0.14987721,\n"
        "        0.91294525,  0.83665564, -0.00885131, -0.8462204 , -0.90557836,\n"
        "       -0.13235175,  0.76255845,  0.95637593,  0.27090579, -0.66363388])");
    tp_expect_str(t, "[ 0.          0.84147098  0.90929743  0.14112001 -0.7568025  -0.95892427\n"
        " -0.2794155   0.6569866   0.98935825  0.41211849 -0.54402111 -0.99999021\n"
        " -0.53657292  0.42016704  0.99060736  0.65028784 -0.28790332 -0.96139749\n"
        " -0.75098725  0.14987721  0.91294525  0.83665564 -0.00885131 -0.8462204\n"
        " -0.90557836 -0.13235175  0.76255845  0.95637593  0.27090579 -0.66363388]");
    tp_free(t);
}

Test(print, np_wrap_dtype_newline) {
    static const TpFill f = {1, 1000000.0, 0.0};
    static const int64_t shape[] = {8};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([      0.  ,  841471.  ,  909297.44,  141120.02, -756802.5 ,\n"
        "       -958924.25, -279415.5 ,  656986.6 ], dtype=float32)");
    tp_expect_str(t, "[      0.    841471.    909297.44  141120.02 -756802.5  -958924.25\n"
        " -279415.5   656986.6 ]");
    tp_free(t);
}

Test(print, np_dtype_on_new_line) {
    static const TpFill f = {1, 1000000.0, 0.0};
    static const int64_t shape[] = {5};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([      0.  ,  841471.  ,  909297.44,  141120.02, -756802.5 ],\n"
        "      dtype=float32)");
    tp_expect_str(t, "[      0.    841471.    909297.44  141120.02 -756802.5 ]");
    tp_free(t);
}

Test(print, np_wrap_ints) {
    static const TpFill f = {0, 3.0, 0.0};
    static const int64_t shape[] = {40};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([  0,   3,   6,   9,  12,  15,  18,  21,  24,  27,  30,  33,  36,\n"
        "        39,  42,  45,  48,  51,  54,  57,  60,  63,  66,  69,  72,  75,\n"
        "        78,  81,  84,  87,  90,  93,  96,  99, 102, 105, 108, 111, 114,\n"
        "       117])");
    tp_expect_str(t, "[  0   3   6   9  12  15  18  21  24  27  30  33  36  39  42  45  48  51\n"
        "  54  57  60  63  66  69  72  75  78  81  84  87  90  93  96  99 102 105\n"
        " 108 111 114 117]");
    tp_free(t);
}

Test(print, np_wrap_bools) {
    static const TpFill f = {1, 1.0, 0.0};
    static const int64_t shape[] = {20};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_BOOL, 1, shape, NULL, &f, 0, 0);
    tp_expect_repr(t, "array([False,  True,  True,  True,  True,  True,  True,  True,  True,\n"
        "        True,  True,  True,  True,  True,  True,  True,  True,  True,\n"
        "        True,  True])");
    tp_expect_str(t, "[False  True  True  True  True  True  True  True  True  True  True  True\n"
        "  True  True  True  True  True  True  True  True]");
    tp_free(t);
}

Test(print, np_transposed_view) {
    static const double v[] = {1, 2, 3, 4, 5, 6.5};
    static const int64_t shape[] = {2, 3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 2, shape, v, NULL, 1, 0);
    tp_expect_repr(t, "array([[1. , 4. ],\n"
        "       [2. , 5. ],\n"
        "       [3. , 6.5]])");
    tp_expect_str(t, "[[1.  4. ]\n"
        " [2.  5. ]\n"
        " [3.  6.5]]");
    tp_free(t);
}

Test(print, np_empty) {
    static const int64_t shape[] = {0};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 1, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "array([], dtype=float32)");
    tp_expect_str(t, "[]");
    tp_free(t);
}

Test(print, np_empty_float64) {
    static const int64_t shape[] = {0};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 1, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "array([], dtype=float64)");
    tp_expect_str(t, "[]");
    tp_free(t);
}

Test(print, np_empty_2d) {
    static const int64_t shape[] = {0, 3};
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT64, 2, shape, NULL, NULL, 0, 0);
    tp_expect_repr(t, "array([], shape=(0, 3), dtype=float64)");
    tp_expect_str(t, "[]");
    tp_free(t);
}

Test(print, np_zero_d_array) {
    static const double v[] = {0.1};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array(0.1, dtype=float32)");
    tp_expect_str(t, "0.1");
    tp_free(t);
}

Test(print, np_zero_d_int_array) {
    static const double v[] = {3};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_INT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array(3)");
    tp_expect_str(t, "3");
    tp_free(t);
}

Test(print, np_zero_d_bool_array) {
    static const double v[] = {1};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY, DT_BOOL, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "array(True)");
    tp_expect_str(t, "True");
    tp_free(t);
}

Test(print, np_scalar_float32_tenth) {
    static const double v[] = {0.1};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "0.1");
    tp_free(t);
}

Test(print, np_scalar_float32_third) {
    static const double v[] = {0.3333333333333333};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "0.33333334");
    tp_free(t);
}

Test(print, np_scalar_float32_integral) {
    static const double v[] = {30.0};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "30.0");
    tp_free(t);
}

Test(print, np_scalar_float32_small) {
    static const double v[] = {1e-05};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "1e-05");
    tp_free(t);
}

Test(print, np_scalar_float32_1e4_boundary) {
    static const double v[] = {0.0001};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "1e-04");
    tp_free(t);
}

Test(print, np_scalar_float32_large) {
    static const double v[] = {1.5e+16};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "1.5e+16");
    tp_free(t);
}

Test(print, np_scalar_float32_big_integer) {
    static const double v[] = {35069552.0};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "35069550.0");
    tp_free(t);
}

Test(print, np_scalar_float32_negative_zero) {
    static const double v[] = {-0.0};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "-0.0");
    tp_free(t);
}

Test(print, np_scalar_float32_nan) {
    static const double v[] = {NAN};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "nan");
    tp_free(t);
}

Test(print, np_scalar_float32_neg_inf) {
    static const double v[] = {-INFINITY};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT32, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "-inf");
    tp_free(t);
}

Test(print, np_scalar_float64) {
    static const double v[] = {0.1};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "0.1");
    tp_free(t);
}

Test(print, np_scalar_float64_loss) {
    static const double v[] = {4.799999237060547};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "4.799999237060547");
    tp_free(t);
}

Test(print, np_scalar_float64_exp) {
    static const double v[] = {1e+16};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_FLOAT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "1e+16");
    tp_free(t);
}

Test(print, np_scalar_int64) {
    static const double v[] = {-42};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_INT64, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "-42");
    tp_free(t);
}

Test(print, np_scalar_bool) {
    static const double v[] = {0};
    const int64_t *shape = NULL;
    Tensor *t = tp_make(FLAVOR_NUMPY_SCALAR, DT_BOOL, 0, shape, v, NULL, 0, 0);
    tp_expect_repr(t, "False");
    tp_free(t);
}

