/* tensor.c — tensors: storage, creation, promotion, broadcasting, views, the differentiable
 * operations layer, and the Tensor class that the evaluator dispatches through (prefix tensor_).
 *
 * One struct serves torch tensors, NumPy arrays and NumPy scalars (Tensor.flavor); they differ
 * in promotion (torch's category rules vs NumPy 1.24's value-based casting), in printing, and
 * in autograd (only torch tensors are recorded on the tape). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "eval.h"
#include "interp.h"
#include "mem.h"
#include "tensor.h"
#include "teach.h"

const char *const dtype_torch_name[DT__COUNT] = {"torch.bool", "torch.int64", "torch.float32", "torch.float64"};
const char *const dtype_aten_word[DT__COUNT] = {"Bool", "Long", "Float", "Double"};
const char *const dtype_numpy_name[DT__COUNT] = {"bool", "int64", "float32", "float64"};
const size_t dtype_size[DT__COUNT] = {1, 8, 4, 8};

const char *const op_name[OP__COUNT] = {
#define OP(id, name, gradname, nin, test) name,
#include "ops.def"
#undef OP
};
const char *const op_grad_name[OP__COUNT] = {
#define OP(id, name, gradname, nin, test) gradname,
#include "ops.def"
#undef OP
};
const int op_nin[OP__COUNT] = {
#define OP(id, name, gradname, nin, test) nin,
#include "ops.def"
#undef OP
};
_Static_assert(OP__COUNT < 256, "ops fit a byte");
_Static_assert(DT__COUNT == 4, "dtype tables have four rows");

#define TV(t) val_obj(t)
static void tdec(Tensor *t) { if (t) val_decref(TV(t)); }
static Tensor *tinc(Tensor *t) { if (t) obj_incref(&t->h); return t; }
Value tensor_value(Tensor *t) { return t ? TV(t) : VAL_ERR; }
Value tensor_result(Interp *I, Tensor *t) {
    if (!t) return VAL_ERR;
    if (t->flavor != FLAVOR_TORCH && t->ndim == 0) t->flavor = FLAVOR_NUMPY_SCALAR;
    return TV(t);
}
static bool is_np(const Tensor *t) { return t->flavor != FLAVOR_TORCH; }

/* ---- storage and construction ----------------------------------------------------- */
/* A storage and its data are one allocation (the data follows the header); a small tensor
 * (up to BLOCK_DATA bytes of data: a training step's scalars and short vectors) is a single
 * allocation holding the tensor, its storage and the data. Views and the tape may outlive
 * that tensor, so its block is freed when the tensor and the storage's last reference are
 * both gone: storage_decref frees it once the owner has died, tensor_free once the storage
 * has no references left. A training step makes a dozen small tensors, and every
 * allocation saved shows in its time. */
#define STORAGE_HDR ((sizeof(Storage) + 15) & ~(size_t)15)
#define BLOCK_DATA 32
typedef struct {
    Tensor t;
    _Alignas(16) Storage s;
    _Alignas(16) char data[BLOCK_DATA];
} TensorBlock;

static Storage *storage_new(Interp *I, size_t nbytes, bool zero) {
    if (!nbytes) nbytes = 1;
    if (nbytes > SIZE_MAX - STORAGE_HDR) { err_nomem(I); return NULL; }
    Storage *s = mem_alloc(STORAGE_HDR + nbytes);
    if (!s) { err_nomem(I); return NULL; }
    if (zero) memset((char *)s + STORAGE_HDR, 0, nbytes);
    s->data = (char *)s + STORAGE_HDR;
    s->rc = 1;
    s->version = 0;
    s->nbytes = nbytes;
    s->in_block = false;
    s->block_owner = false;
    return s;
}
static void storage_decref(Storage *s) {
    if (!s || --s->rc) return;
    if (!s->in_block) mem_free(s, STORAGE_HDR + s->nbytes);
    else if (!s->block_owner) mem_free((char *)s - offsetof(TensorBlock, s), sizeof(TensorBlock));
}
void tensor_storage_decref(Storage *s) { storage_decref(s); }

static void tensor_free(Obj *o) {
    Tensor *t = (Tensor *)o;
    tdec(t->grad);
    if (t->grad_fn) tape_node_decref(t->grad_fn);
    if (!t->has_block_storage) {
        storage_decref(t->storage);
        obj_dealloc(o, sizeof(Tensor));
        return;
    }
    Storage *own = &((TensorBlock *)t)->s; /* t->storage unless `.data =` replaced it */
    own->block_owner = false;
    if (t->storage != own) {
        storage_decref(t->storage);
        if (own->rc) return;  /* views of the old storage still use the block */
    } else if (--own->rc) return;
    mem_free(t, sizeof(TensorBlock));
}

/* MemoryError naming the shape, so torch.zeros(10**10, 10**10) says what was too big. */
static bool too_big(Interp *I, int ndim, const int64_t *shape) {
    char buf[TENSOR_MAX_DIMS * 24 + 8];
    size_t k = 0;
    buf[k++] = '[';
    for (int d = 0; d < ndim && k < sizeof buf - 24; d++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, d ? ", %lld" : "%lld", (long long)shape[d]);
    snprintf(buf + k, sizeof buf - k, "]");
    err_raise(I, EXC_MemoryError, "a tensor of shape %s would not fit in memory", buf);
    return false;
}

/* The element count of a shape far below any limit (under 2^20 elements), else -1. */
static inline int64_t small_numel(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) {
        if ((uint64_t)shape[d] >= (1u << 20)) return -1;
        n *= shape[d]; /* < 2^40: no overflow */
        if (n >= (1 << 20)) return -1;
    }
    return n;
}

bool tensor_check_size(Interp *I, int ndim, const int64_t *shape, int64_t *numel) {
    int64_t n = small_numel(ndim, shape);
    if (n >= 0) { *numel = n; return true; } /* the common case, without the limit checks */
    n = 1;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0) {
            err_raise(I, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld]",
                      (long long)shape[d], (long long)shape[d]);
            return false;
        }
        if (__builtin_mul_overflow(n, shape[d], &n)) return too_big(I, ndim, shape);
    }
    if (n > INT64_MAX / 8 || (uint64_t)n * 8 > mem_limit_bytes()) return too_big(I, ndim, shape);
    if (I->max_tensor_elems && n > I->max_tensor_elems) return too_big(I, ndim, shape);
    *numel = n;
    return true;
}

static void tensor_init(Tensor *t, DType dt, int flavor, int ndim) {
    t->dtype = dt;
    t->flavor = (uint8_t)flavor;
    t->ndim = ndim;
    t->offset = 0;
    t->storage = NULL;
    t->requires_grad = false;
    t->grad = NULL;
    t->grad_fn = NULL;
    t->version = 0;
    t->is_param = false;
    t->has_block_storage = false;
}

static Tensor *tensor_alloc(Interp *I, DType dt, int flavor, int ndim) {
    Tensor *t = obj_new(I, &tensor_class, sizeof(Tensor));
    if (t) tensor_init(t, dt, flavor, ndim);
    return t;
}

static void contig_strides(int ndim, const int64_t *shape, int64_t *stride) {
    int64_t s = 1;
    for (int d = ndim - 1; d >= 0; d--) { stride[d] = s; s *= shape[d] ? shape[d] : 1; }
}

static Tensor *tensor_make(Interp *I, DType dt, int flavor, int ndim, const int64_t *shape, bool zero) {
    int64_t n = ndim <= TENSOR_MAX_DIMS ? small_numel(ndim, shape) : -1;
    if (n < 0) {
        if (ndim > TENSOR_MAX_DIMS) { err_raise(I, EXC_RuntimeError, "tensors have at most %d dimensions", TENSOR_MAX_DIMS); return NULL; }
        if (!tensor_check_size(I, ndim, shape, &n)) return NULL;
    }
    size_t nbytes = (size_t)n * dtype_size[dt];
    Tensor *t;
    if (nbytes <= BLOCK_DATA) {
        TensorBlock *b = obj_new(I, &tensor_class, sizeof(TensorBlock));
        if (!b) return NULL;
        t = &b->t;
        tensor_init(t, dt, flavor, ndim);
        t->has_block_storage = true;
        Storage *s = &b->s;
        s->rc = 1;
        s->version = 0;
        s->nbytes = nbytes ? nbytes : 1;
        s->data = b->data;
        s->in_block = true;
        s->block_owner = true;
        if (zero) memset(b->data, 0, sizeof b->data);
        t->storage = s;
    } else {
        t = tensor_alloc(I, dt, flavor, ndim);
        if (!t) return NULL;
        t->storage = storage_new(I, nbytes, zero);
        if (!t->storage) { obj_dealloc(&t->h, sizeof(Tensor)); return NULL; }
    }
    int64_t st = 1;
    for (int d = ndim - 1; d >= 0; d--) { /* contig_strides, with the shape copied on the way */
        t->shape[d] = shape[d];
        t->stride[d] = st;
        st *= shape[d] ? shape[d] : 1;
    }
    t->numel = n;
    return t;
}
Tensor *tensor_new(Interp *I, DType dt, int flavor, int ndim, const int64_t *shape) {
    return tensor_make(I, dt, flavor, ndim, shape, true);
}
/* Kernels that write every element skip the zero fill: it showed in small-tensor steps. */
Tensor *tensor_new_empty(Interp *I, DType dt, int flavor, int ndim, const int64_t *shape) {
    return tensor_make(I, dt, flavor, ndim, shape, false);
}

Tensor *tensor_scalar(Interp *I, DType dt, int flavor, double v) {
    Tensor *t = tensor_new_empty(I, dt, flavor, 0, NULL); /* its one element is set below */
    if (t) tensor_set(t, 0, v);
    return t;
}

Tensor *tensor_scalar_tmp(TensorTmp *tmp, DType dt, int flavor, double v) {
    Tensor *t = &tmp->t;
    t->h.cls = &tensor_class;
    t->h.rc = 1u << 30; /* never freed: it is not on the heap */
    t->dtype = dt;
    t->flavor = (uint8_t)flavor;
    t->ndim = 0;
    t->offset = 0;
    t->numel = 1;
    t->requires_grad = false;
    t->grad = NULL;
    t->grad_fn = NULL;
    t->version = 0;
    t->is_param = false;
    t->has_block_storage = false;
    tmp->s.rc = 1u << 30;
    tmp->s.version = 0;
    tmp->s.in_block = false;
    tmp->s.block_owner = false;
    tmp->s.nbytes = sizeof tmp->data;
    tmp->s.data = &tmp->data;
    t->storage = &tmp->s;
    tensor_set(t, 0, v);
    return t;
}

static Tensor *view_of(Interp *I, Storage *s, DType dt, int flavor, int ndim, const int64_t *shape,
                       const int64_t *stride, int64_t offset) {
    Tensor *t = tensor_alloc(I, dt, flavor, ndim);
    if (!t) return NULL;
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) { t->shape[d] = shape[d]; t->stride[d] = stride[d]; n *= shape[d]; }
    t->numel = n;
    t->offset = offset;
    t->storage = s;
    s->rc++;
    return t;
}
Tensor *tensor_view(Interp *I, Tensor *base, int ndim, const int64_t *shape, const int64_t *stride, int64_t offset) {
    return view_of(I, base->storage, base->dtype, base->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : base->flavor,
                   ndim, shape, stride, offset);
}
Tensor *tensor_on_storage(Interp *I, Storage *s, DType dt, int ndim, const int64_t *shape,
                          const int64_t *stride, int64_t offset) {
    return view_of(I, s, dt, FLAVOR_TORCH, ndim, shape, stride, offset);
}

Tensor *tensor_detach(Interp *I, Tensor *t) {
    Tensor *d = tensor_view(I, t, t->ndim, t->shape, t->stride, t->offset);
    if (d) d->flavor = t->flavor;
    return d;
}

void *tensor_ptr(const Tensor *t) { return t->storage->data; }

bool tensor_is_contiguous_nd(const Tensor *t) {
    int64_t s = 1;
    for (int d = t->ndim - 1; d >= 0; d--) {
        if (t->shape[d] != 1 && t->stride[d] != s) return false;
        s *= t->shape[d];
    }
    return true;
}

static int64_t elem_offset(const Tensor *t, int64_t i) {
    int64_t off = t->offset;
    for (int d = t->ndim - 1; d >= 0; d--) {
        int64_t sh = t->shape[d];
        if (sh == 0) return t->offset;
        off += (i % sh) * t->stride[d];
        i /= sh;
    }
    return off;
}

static double raw_get(const Tensor *t, int64_t off) {
    const char *p = t->storage->data;
    switch (t->dtype) {
    case DT_BOOL: return ((const uint8_t *)p)[off] ? 1.0 : 0.0;
    case DT_INT64: return (double)((const int64_t *)p)[off];
    case DT_FLOAT32: return ((const float *)p)[off];
    default: return ((const double *)p)[off];
    }
}
static void raw_set(Tensor *t, int64_t off, double v) {
    char *p = t->storage->data;
    switch (t->dtype) {
    case DT_BOOL: ((uint8_t *)p)[off] = v != 0; break;
    case DT_INT64: ((int64_t *)p)[off] = isfinite(v) && fabs(v) < 9.2e18 ? (int64_t)v : INT64_MIN; break;
    case DT_FLOAT32: ((float *)p)[off] = (float)v; break;
    default: ((double *)p)[off] = v; break;
    }
}
double tensor_get(const Tensor *t, int64_t i) { return raw_get(t, elem_offset(t, i)); }
void tensor_set(Tensor *t, int64_t i, double v) { raw_set(t, elem_offset(t, i), v); }
int64_t tensor_get_i64(const Tensor *t, int64_t i) {
    int64_t off = elem_offset(t, i);
    if (t->dtype == DT_INT64) return ((const int64_t *)t->storage->data)[off];
    double v = raw_get(t, off);
    return isfinite(v) && fabs(v) < 9.2e18 ? (int64_t)v : INT64_MIN;
}

/* Copy element-wise from src into dst (same numel, any strides), converting dtype. */
static void copy_into(Tensor *dst, const Tensor *src) {
    if (dst->dtype == src->dtype && dst->dtype == DT_INT64) {
        for (int64_t i = 0; i < dst->numel; i++)
            ((int64_t *)dst->storage->data)[elem_offset(dst, i)] = ((const int64_t *)src->storage->data)[elem_offset(src, i)];
        return;
    }
    if (tensor_is_contiguous(dst) && tensor_is_contiguous(src) && dst->dtype == src->dtype) {
        memcpy((char *)dst->storage->data + dst->offset * dtype_size[dst->dtype],
               (const char *)src->storage->data + src->offset * dtype_size[src->dtype],
               (size_t)dst->numel * dtype_size[dst->dtype]);
        return;
    }
    for (int64_t i = 0; i < dst->numel; i++) {
        int64_t so = elem_offset(src, i), d = elem_offset(dst, i);
        if (dst->dtype == DT_INT64 && src->dtype == DT_BOOL)
            ((int64_t *)dst->storage->data)[d] = ((const uint8_t *)src->storage->data)[so];
        else raw_set(dst, d, raw_get(src, so));
    }
}

Tensor *tensor_copy(Interp *I, Tensor *t, DType dt) {
    Tensor *c = tensor_new_empty(I, dt, t->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : t->flavor, t->ndim, t->shape);
    if (!c) return NULL;
    copy_into(c, t);
    c->flavor = t->flavor;
    return c;
}

/* ---- dtypes and promotion ------------------------------------------------------------ */
static int dt_cat(DType d) { return d == DT_BOOL ? 0 : d == DT_INT64 ? 1 : 2; }
DType dtype_promote(DType a, DType b, bool numpy) {
    if (a == b) return a;
    if (a == DT_BOOL) return b;
    if (b == DT_BOOL) return a;
    if (a == DT_FLOAT64 || b == DT_FLOAT64) return DT_FLOAT64;
    if (numpy && (a == DT_INT64 || b == DT_INT64)) return DT_FLOAT64; /* int64 + float32 */
    return DT_FLOAT32;
}

/* An operand of a binary op as promotion sees it. */
typedef struct {
    DType dt;
    int kind;       /* 0 tensor with dims, 1 zero-dim tensor / numpy scalar, 2 Python number */
    double value;   /* Python numbers */
} Operand;

static DType torch_result(const Operand *o, int n) {
    int have[3] = {0, 0, 0};
    DType res[3] = {DT_BOOL, DT_BOOL, DT_BOOL};
    for (int i = 0; i < n; i++) {
        DType d = o[i].dt;
        if (o[i].kind == 2 && d == DT_FLOAT64) d = DT_FLOAT32; /* wrapped float → default dtype */
        if (!have[o[i].kind]) { res[o[i].kind] = d; have[o[i].kind] = 1; }
        else res[o[i].kind] = dtype_promote(res[o[i].kind], d, false);
    }
    /* combine_categories(dim, combine_categories(zero, wrapped)) */
    DType lower = DT_BOOL;
    bool lower_def = false;
    for (int k = 2; k >= 0; k--) {
        if (!have[k]) continue;
        if (!lower_def) { lower = res[k]; lower_def = true; continue; }
        DType higher = res[k];
        if (dtype_is_float(higher)) lower = higher;
        else if (higher == DT_BOOL || dtype_is_float(lower)) lower = dtype_promote(higher, lower, false);
        else lower = higher;
    }
    return lower;
}

static DType numpy_result(const Operand *o, int n) {
    int cat_arr = -1, cat_sc = -1;
    for (int i = 0; i < n; i++) {
        int c = dt_cat(o[i].dt);
        if (o[i].kind == 0) { if (c > cat_arr) cat_arr = c; }
        else if (c > cat_sc) cat_sc = c;
    }
    DType r = DT_BOOL;
    bool first = true;
    if (cat_arr >= 0 && cat_sc >= 0 && cat_arr >= cat_sc) {
        /* value-based casting (NumPy 1.x): scalars of a kind no higher than the arrays'
         * take the smallest type holding their value, so the arrays decide */
        for (int i = 0; i < n; i++) {
            if (o[i].kind != 0) continue;
            r = first ? o[i].dt : dtype_promote(r, o[i].dt, true);
            first = false;
        }
        for (int i = 0; i < n; i++)
            if (o[i].kind != 0 && cat_arr == 2 && o[i].dt == DT_FLOAT64 && isfinite(o[i].value) &&
                fabs(o[i].value) > 3.4028234663852886e38)
                r = dtype_promote(r, DT_FLOAT64, true);
        return r;
    }
    for (int i = 0; i < n; i++) { r = first ? o[i].dt : dtype_promote(r, o[i].dt, true); first = false; }
    return r;
}

/* ---- broadcasting -------------------------------------------------------------------- */
static void shape_str(char *buf, size_t n, int ndim, const int64_t *shape, bool numpy) {
    size_t k = 0;
    k += snprintf(buf + k, n - k, numpy ? "(" : "[");
    for (int d = 0; d < ndim && k < n; d++)
        k += snprintf(buf + k, n - k, "%s%lld", d ? (numpy ? "," : ", ") : "", (long long)shape[d]);
    if (numpy && ndim == 1 && k < n) k += snprintf(buf + k, n - k, ",");
    if (k < n) snprintf(buf + k, n - k, numpy ? ")" : "]");
}

bool tensor_broadcast_shape(Interp *I, const Tensor *a, const Tensor *b, int *ndim, int64_t *shape) {
    int n = a->ndim > b->ndim ? a->ndim : b->ndim;
    for (int i = n - 1; i >= 0; i--) { /* torch's infer_size reports the last mismatching dim */
        int da = a->ndim - n + i, db = b->ndim - n + i;
        int64_t sa = da >= 0 ? a->shape[da] : 1, sb = db >= 0 ? b->shape[db] : 1;
        if (sa != sb && sa != 1 && sb != 1) {
            if (is_np(a) || is_np(b)) {
                char s1[128], s2[128];
                shape_str(s1, sizeof s1, a->ndim, a->shape, true);
                shape_str(s2, sizeof s2, b->ndim, b->shape, true);
                err_raise(I, EXC_ValueError, "operands could not be broadcast together with shapes %s %s ", s1, s2);
            } else
                err_raise(I, EXC_RuntimeError,
                          "The size of tensor a (%lld) must match the size of tensor b (%lld) at non-singleton dimension %d",
                          (long long)sa, (long long)sb, i);
            return false;
        }
        shape[i] = sa == 1 ? sb : sa;
    }
    *ndim = n;
    return true;
}

Tensor *tensor_expand_to(Interp *I, Tensor *t, int ndim, const int64_t *shape) {
    int64_t st[TENSOR_MAX_DIMS];
    int sh = ndim - t->ndim;
    for (int d = 0; d < ndim; d++) {
        int dd = d - sh;
        st[d] = (dd < 0 || t->shape[dd] == 1) ? 0 : t->stride[dd];
    }
    return tensor_view(I, t, ndim, shape, st, t->offset);
}

/* ---- values to tensors ------------------------------------------------------------- */
typedef struct { int ndim; int64_t shape[TENSOR_MAX_DIMS]; int kind; /* 0 bool 1 int 2 float */ bool any, numpy; } Scan;

/* lists, tuples and ranges (torch.tensor(range(5)), x[range(n), y]) */
static bool is_seq(Value v) { return IS_A(v, list_class) || IS_A(v, tuple_class) || IS_A(v, range_class); }
static int64_t seq_len(Value v) {
    if (IS_A(v, range_class)) { Range *r = (Range *)AS_OBJ(v); return range_len(r->start, r->stop, r->step); }
    return IS_A(v, list_class) ? ((List *)AS_OBJ(v))->len : ((Tuple *)AS_OBJ(v))->len;
}
static Value seq_item(Value v, int64_t i) {
    if (IS_A(v, range_class)) { Range *r = (Range *)AS_OBJ(v); return val_int(r->start + i * r->step); }
    return IS_A(v, list_class) ? ((List *)AS_OBJ(v))->items[i] : ((Tuple *)AS_OBJ(v))->items[i];
}

static bool scan_value(Interp *I, Value v, int depth, Scan *s) {
    if (depth > TENSOR_MAX_DIMS) { err_raise(I, EXC_ValueError, "too many dimensions (at most %d)", TENSOR_MAX_DIMS); return false; }
    if (is_seq(v)) {
        int64_t n = seq_len(v);
        if (depth == s->ndim && !s->any) { s->shape[s->ndim++] = n; }
        else if (depth >= s->ndim || s->shape[depth] != n) goto ragged; /* [1, [2, 3]]: a list where a number was */
        for (int64_t i = 0; i < n; i++)
            if (!scan_value(I, seq_item(v, i), depth + 1, s)) return false;
        if (n == 0 && depth + 1 < s->ndim) goto ragged;
        return true;
    }
    if (IS_TENSOR(v)) {
        Tensor *t = AS_TENSOR(v);
        for (int d = 0; d < t->ndim; d++) {
            int dd = depth + d;
            if (dd >= TENSOR_MAX_DIMS) { err_raise(I, EXC_ValueError, "too many dimensions"); return false; }
            if (dd == s->ndim && !s->any) s->shape[s->ndim++] = t->shape[d];
            else if (dd >= s->ndim || s->shape[dd] != t->shape[d]) goto ragged;
        }
        if (depth + t->ndim != s->ndim && s->any) goto ragged;
        int k = dt_cat(t->dtype);
        if (k > s->kind) s->kind = k;
        s->any = true;
        return true;
    }
    if (IS_BOOL(v) || IS_INT(v) || IS_FLOAT(v)) {
        if (s->any && depth != s->ndim) goto ragged;
        if (!s->any && depth != s->ndim) goto ragged;
        int k = IS_BOOL(v) ? 0 : IS_INT(v) ? 1 : 2;
        if (k > s->kind) s->kind = k;
        s->any = true;
        return true;
    }
    err_raise(I, EXC_TypeError, "new(): invalid data type '%s'", val_type_name(v));
    return false;
ragged:
    if (s->numpy) {
        StrBuf sh;
        sb_init(&sh);
        sb_putc(&sh, '(');
        for (int d = 0; d < depth && d < s->ndim; d++) sb_printf(&sh, d ? ", %lld" : "%lld", (long long)s->shape[d]);
        sb_puts(&sh, depth == 1 ? ",)" : ")");
        err_raise(I, EXC_ValueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape "
                  "after %d dimensions. The detected shape was %s + inhomogeneous part.", depth, sh.oom ? "(...)" : sh.data);
        sb_free(&sh);
        return false;
    }
    err_raise(I, EXC_ValueError, "expected sequence of length %lld at dim %d (got %lld)",
              (long long)(depth < s->ndim ? s->shape[depth] : 0), depth,
              (long long)(is_seq(v) ? seq_len(v) : 0));
    return false;
}

static void fill_value(Value v, Tensor *t, int64_t *pos) {
    if (is_seq(v)) {
        int64_t n = seq_len(v);
        for (int64_t i = 0; i < n; i++) fill_value(seq_item(v, i), t, pos);
        return;
    }
    if (IS_TENSOR(v)) {
        Tensor *s = AS_TENSOR(v);
        for (int64_t i = 0; i < s->numel; i++) {
            if (t->dtype == DT_INT64) ((int64_t *)t->storage->data)[(*pos)++] = tensor_get_i64(s, i);
            else raw_set(t, (*pos)++, tensor_get(s, i));
        }
        return;
    }
    if (IS_INT(v) && t->dtype == DT_INT64) { ((int64_t *)t->storage->data)[(*pos)++] = v.as.i; return; }
    double x = IS_BOOL(v) ? (v.as.b ? 1.0 : 0.0) : IS_INT(v) ? (double)v.as.i : v.as.f;
    raw_set(t, (*pos)++, x);
}

Tensor *tensor_from_value(Interp *I, Value v, int dtype, int flavor) {
    Scan s = {0};
    s.kind = 0;
    s.numpy = flavor != FLAVOR_TORCH;
    if (!scan_value(I, v, 0, &s)) return NULL;
    DType dt;
    if (dtype >= 0) dt = (DType)dtype;
    else if (IS_TENSOR(v)) dt = AS_TENSOR(v)->dtype;
    else if (s.kind == 2) dt = flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64;
    else if (s.kind == 1 || !s.any) dt = (s.any ? DT_INT64 : (flavor == FLAVOR_TORCH ? DT_FLOAT32 : DT_FLOAT64));
    else dt = DT_BOOL;
    /* a nested tensor of float64 keeps float64 */
    Tensor *t = tensor_new(I, dt, flavor, s.ndim, s.shape);
    if (!t) return NULL;
    int64_t pos = 0;
    fill_value(v, t, &pos);
    return t;
}

/* ---- dtype objects ------------------------------------------------------------------ */
typedef struct { Obj h; DType dt; int kind; /* 0 torch.dtype, 1 numpy dtype, 2 numpy scalar type */ } DTypeObj;
static void dtype_free(Obj *o) { o->rc = 1u << 30; } /* static singletons: never freed */
static bool dtype_repr(Interp *I, StrBuf *sb, Value self) {
    DTypeObj *d = (DTypeObj *)AS_OBJ(self);
    if (d->kind == 0) sb_puts(sb, dtype_torch_name[d->dt]);
    else if (d->kind == 1) sb_printf(sb, "dtype('%s')", dtype_numpy_name[d->dt]);
    else sb_printf(sb, "<class 'numpy.%s'>", d->dt == DT_BOOL ? "bool_" : dtype_numpy_name[d->dt]);
    return true;
}
static bool dtype_str(Interp *I, StrBuf *sb, Value self) {
    DTypeObj *d = (DTypeObj *)AS_OBJ(self);
    if (d->kind == 1) { sb_puts(sb, dtype_numpy_name[d->dt]); return true; }
    return dtype_repr(I, sb, self);
}
static bool dtype_eq(Interp *I, Value a, Value b, bool *out) {
    DTypeObj *x = (DTypeObj *)AS_OBJ(a), *y = (DTypeObj *)AS_OBJ(b);
    *out = x->dt == y->dt && ((x->kind == 0) == (y->kind == 0));
    return true;
}
static bool dtype_hash(Interp *I, Value self, uint64_t *out) {
    DTypeObj *d = (DTypeObj *)AS_OBJ(self);
    *out = 0x9e3779b97f4a7c15ull * (uint64_t)(d->dt + 1) + (d->kind == 0);
    return true;
}
static Value dtype_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    DTypeObj *d = (DTypeObj *)AS_OBJ(self);
    if (d->kind == 0) return err_raise(I, EXC_TypeError, "'torch.dtype' object is not callable");
    static const char *const names[] = {"x"};
    Value a[1];
    if (!nat_args(I, dtype_numpy_name[d->dt], argc, argv, kw, 1, names, 0, a)) return VAL_ERR;
    Tensor *t;
    if (IS_UNDEF(a[0])) t = tensor_new(I, d->dt, FLAVOR_NUMPY, 0, NULL);
    else t = tensor_from_value(I, a[0], d->dt, FLAVOR_NUMPY);
    return tensor_result(I, t);
}
static Value dtype_getattr(Interp *I, Value self, Str *name);
const ObjClass dtype_class = {
    .name = "dtype", .free = dtype_free, .repr = dtype_repr, .str = dtype_str, .eq = dtype_eq,
    .hash = dtype_hash, .call = dtype_call, .getattr = dtype_getattr,
};
/* one static object per (dtype, kind), as torch and NumPy have: `x.dtype is torch.float32` */
static DTypeObj dtype_singletons[DT__COUNT][3];
Value dtype_value(Interp *I, DType dt, int kind) {
    (void)I;
    DTypeObj *d = &dtype_singletons[dt][kind];
    if (!d->h.cls) { d->h.cls = &dtype_class; d->h.rc = 1u << 30; d->dt = dt; d->kind = kind; }
    d->h.rc++;
    return val_obj(d);
}
static Value dtype_getattr(Interp *I, Value self, Str *name) {
    DTypeObj *d = (DTypeObj *)AS_OBJ(self);
    const char *n = str_cstr(name);
    if (!strcmp(n, "is_floating_point")) return val_bool(dtype_is_float(d->dt));
    if (!strcmp(n, "itemsize")) return val_int((int64_t)dtype_size[d->dt]);
    if (!strcmp(n, "name") && d->kind) return val_str(I, dtype_numpy_name[d->dt], strlen(dtype_numpy_name[d->dt]));
    return VAL_UNDEF;
}

bool value_as_dtype(Value v, DType *out) {
    if (IS_A(v, dtype_class)) { *out = ((DTypeObj *)AS_OBJ(v))->dt; return true; }
    if (IS_A(v, str_class)) {
        const char *s = str_cstr((Str *)AS_OBJ(v));
        for (int d = 0; d < DT__COUNT; d++)
            if (!strcmp(s, dtype_numpy_name[d])) { *out = (DType)d; return true; }
        if (!strcmp(s, "float")) { *out = DT_FLOAT64; return true; }
        if (!strcmp(s, "int")) { *out = DT_INT64; return true; }
        return false;
    }
    if (IS_A(v, type_class)) {
        TypeObj *t = (TypeObj *)AS_OBJ(v);
        if (t->vkind == V_FLOAT) { *out = DT_FLOAT64; return true; }
        if (t->vkind == V_INT) { *out = DT_INT64; return true; }
        if (t->vkind == V_BOOL) { *out = DT_BOOL; return true; }
    }
    return false;
}

static bool arg_dtype(Interp *I, Value v, int *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) { *out = -1; return true; }
    DType d;
    if (!value_as_dtype(v, &d)) {
        err_raise(I, EXC_TypeError, "data type '%s' not understood", val_type_name(v));
        return false;
    }
    *out = (int)d;
    return true;
}

/* ---- the differentiable operations layer --------------------------------------------- */
/* tape_should_record for one or two inputs, inline: asked on every operation */
static inline bool needs_record(const Tensor *a, const Tensor *b) {
    return tape_grad_enabled && (tape_tracks(a) || tape_tracks(b));
}

static bool op_differentiable(OpKind op) { return op_nin[op] > 0; }

/* Binary core: kernel in ct, then the tape record with what backward needs. */
static Tensor *binary_core(Interp *I, OpKind op, Tensor *a, Tensor *b, DType ct, DType out, int flavor) {
    Tensor *o = kern_binary(I, op, a, b, ct, out, flavor);
    if (!o) return NULL;
    if (op_differentiable(op) && dtype_is_float(out) && needs_record(a, b)) {
        Tensor *in[2] = {a, b};
        TapeNode *n = tape_record(I, op, o, 2, in);
        if (!n) { tdec(o); return NULL; }
        bool ok = true;
        switch (op) {
        case OP_MUL: case OP_DIV: case OP_MAXIMUM: case OP_MINIMUM:
            ok = tape_save(I, n, 0, a) && tape_save(I, n, 1, b); break;
        case OP_POWT:
            ok = tape_save(I, n, 0, a) && tape_save(I, n, 1, b) && tape_save(I, n, 2, o); break;
        default: break;
        }
        if (!ok) { tdec(o); return NULL; }
    }
    return o;
}

static int flavor_of2(Tensor *a, Tensor *b) {
    if ((a && a->flavor != FLAVOR_TORCH) || (b && b->flavor != FLAVOR_TORCH)) return FLAVOR_NUMPY;
    return FLAVOR_TORCH;
}


/* NumPy's ufunc for a bitwise op ("bitwise_and", "left_shift"); torch's kernel is op_name + "_cpu". */
static const char *bitwise_ufunc(OpKind op) {
    return op == OP_BITAND ? "bitwise_and" : op == OP_BITOR ? "bitwise_or" : op == OP_BITXOR ? "bitwise_xor"
         : op == OP_LSHIFT ? "left_shift" : "right_shift";
}

static bool binop_dtypes(Interp *I, OpKind op, DType pr, bool numpy, DType *ct, DType *out) {
    *ct = pr;
    *out = pr;
    switch (op) {
    case OP_BITAND: case OP_BITOR: case OP_BITXOR: case OP_LSHIFT: case OP_RSHIFT: {
        bool shift = op == OP_LSHIFT || op == OP_RSHIFT;
        if (dtype_is_float(pr) || (shift && pr == DT_BOOL && !numpy)) {
            if (numpy)
                err_raise(I, EXC_TypeError, "ufunc '%s' not supported for the input types, and the inputs could not be safely "
                          "coerced to any supported types according to the casting rule ''safe''", bitwise_ufunc(op));
            else err_raise(I, EXC_RuntimeError, "\"%s_cpu\" not implemented for '%s'", op_name[op], dtype_aten_word[pr]);
            return false;
        }
        if (shift && pr == DT_BOOL) { /* NumPy shifts two bools as int8, a dtype ag does not have */
            err_raise(I, EXC_TypeError, "%s on two bool arrays gives an int8 array in NumPy; int8 is not supported in ag "
                      "(convert with .astype(int) first)", bitwise_ufunc(op));
            return false;
        }
        break;
    }
    case OP_DIV:
        if (!dtype_is_float(pr)) { *ct = *out = numpy ? DT_FLOAT64 : DT_FLOAT32; }
        break;
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        *out = DT_BOOL; break;
    case OP_SUB:
        if (pr == DT_BOOL) {
            if (numpy) err_raise(I, EXC_TypeError, "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.");
            else err_raise(I, EXC_RuntimeError, "Subtraction, the `-` operator, with two bool tensors is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
            return false;
        }
        break;
    case OP_POWT: case OP_FLOORDIV: case OP_MOD:
        if (pr == DT_BOOL) { *ct = *out = DT_INT64; }
        break;
    default: break;
    }
    return true;
}

Tensor *tensor_binary(Interp *I, OpKind op, Tensor *a, Tensor *b) {
    bool numpy = is_np(a) || is_np(b);
    Operand o[2] = {{a->dtype, a->ndim ? 0 : 1, 0}, {b->dtype, b->ndim ? 0 : 1, 0}};
    DType pr = numpy ? numpy_result(o, 2) : torch_result(o, 2), ct, out;
    if (!binop_dtypes(I, op, pr, numpy, &ct, &out)) return NULL;
    return binary_core(I, op, a, b, ct, out, flavor_of2(a, b));
}

static Tensor *unary_core(Interp *I, OpKind op, Tensor *a, double p, double q, int flags) {
    bool numpy = is_np(a);
    DType dt = a->dtype;
    switch (op) {
    case OP_EXP: case OP_LOG: case OP_SQRT: case OP_SIN: case OP_COS: case OP_TANH: case OP_SIGMOID: case OP_RDIV:
        if (!dtype_is_float(dt)) dt = numpy ? DT_FLOAT64 : DT_FLOAT32;
        break;
    case OP_POW:
        if (!dtype_is_float(dt) && (p != floor(p) || !isfinite(p))) dt = numpy ? DT_FLOAT64 : DT_FLOAT32;
        else if (dt == DT_BOOL) dt = DT_INT64;
        break;
    case OP_NEG:
        if (dt == DT_BOOL) {
            if (numpy) err_raise(I, EXC_TypeError, "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.");
            else err_raise(I, EXC_RuntimeError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
            return NULL;
        }
        break;
    case OP_CLAMP:
        if (!dtype_is_float(dt) && (((flags & 1) && p != floor(p)) || ((flags & 2) && q != floor(q))))
            dt = numpy ? DT_FLOAT64 : DT_FLOAT32;
        break;
    default: break;
    }
    Tensor *o = kern_unary(I, op, a, dt, p, q, flags | (numpy ? 4 : 0));
    if (!o) return NULL;
    if (op_differentiable(op) && dtype_is_float(dt) && needs_record(a, NULL)) {
        Tensor *in[1] = {a};
        TapeNode *n = tape_record(I, op, o, 1, in);
        if (!n) { tdec(o); return NULL; }
        n->p[0] = p;
        n->p[1] = q;
        n->ip[0] = flags;
        bool ok = true;
        switch (op) {
        case OP_EXP: case OP_SQRT: case OP_TANH: case OP_SIGMOID: case OP_RELU:
            ok = tape_save(I, n, 0, o); break;
        case OP_LOG: case OP_ABS: case OP_SIN: case OP_COS: case OP_CLAMP: case OP_POW:
            ok = tape_save(I, n, 0, a); break;
        case OP_RDIV: {
            Tensor *r = kern_unary(I, OP_RDIV, a, dt, 1.0, 0, 0);
            ok = r && tape_save(I, n, 0, r);
            tdec(r);
            break;
        }
        default: break;
        }
        if (!ok) { tdec(o); return NULL; }
    }
    return o;
}

/* Unary ops: float results for transcendental functions; int stays int for neg/abs/relu/clamp.
 * For clamp, p and q are both bounds (NaN: that bound is absent). */
Tensor *tensor_unary(Interp *I, OpKind op, Tensor *a, double p, double q) {
    int flags = 0;
    if (op == OP_CLAMP) flags = (isnan(p) ? 0 : 1) | (isnan(q) ? 0 : 2);
    return unary_core(I, op, a, p, q, flags);
}

static Tensor *reduce_core(Interp *I, OpKind op, Tensor *a, uint32_t mask, bool keepdim, int dtype_arg) {
    bool numpy = is_np(a);
    bool all = (op == OP_SUM || op == OP_MEAN);
    DType dt = a->dtype;
    if (dtype_arg >= 0) dt = (DType)dtype_arg;
    else if (dt == DT_BOOL) dt = DT_INT64;
    bool mean = (op == OP_MEAN || op == OP_MEANDIM);
    if (mean && !dtype_is_float(dt)) {
        if (!numpy) {
            err_raise(I, EXC_RuntimeError,
                      "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: %s",
                      a->dtype == DT_INT64 ? "Long" : "Bool");
            return NULL;
        }
        dt = DT_FLOAT64;
    }
    if (all) mask = a->ndim >= 32 ? 0xFFFFFFFFu : (1u << a->ndim) - 1;
    Tensor *o = kern_sum(I, a, mask, keepdim, dt, numpy);
    if (!o) return NULL;
    if (mean) {
        int64_t cnt = 1;
        for (int d = 0; d < a->ndim; d++) if (mask & (1u << d)) cnt *= a->shape[d];
        for (int64_t i = 0; i < o->numel; i++) {
            if (dt == DT_FLOAT32) {
                float *p = (float *)o->storage->data + i;
                if (numpy && o->ndim == 0) *p = (float)((double)*p / (double)cnt);
                else *p = *p / (float)cnt;
            } else {
                double *p = (double *)o->storage->data + i;
                *p = *p / (double)cnt;
            }
        }
    }
    if (dtype_is_float(dt) && needs_record(a, NULL)) {
        Tensor *in[1] = {a};
        TapeNode *n = tape_record(I, op, o, 1, in);
        if (!n) { tdec(o); return NULL; }
        n->ip[0] = mask;
        n->ip[1] = keepdim;
    }
    return o;
}

Tensor *tensor_reduce(Interp *I, OpKind op, Tensor *a, int dim, bool keepdim) {
    uint32_t mask = dim < 0 ? 0xFFFFFFFFu : (1u << dim);
    return reduce_core(I, op, a, mask, keepdim, -1);
}

/* softmax / log_softmax along dim (already normalised), float tensors only, as torch */
Tensor *tensor_softmax_op(Interp *I, Tensor *a, int dim, bool log_) {
    if (!dtype_is_float(a->dtype)) {
        const char *k = a->ndim && dim != a->ndim - 1 ? (log_ ? "log_softmax_kernel_impl" : "softmax_kernel_impl")
                                                      : (log_ ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl");
        err_raise(I, EXC_RuntimeError, "\"%s\" not implemented for '%s'", k, a->dtype == DT_INT64 ? "Long" : "Bool");
        return NULL;
    }
    Tensor *o = kern_softmax(I, a, a->ndim ? dim : 0, log_);
    if (!o) return NULL;
    o->flavor = a->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : a->flavor;
    if (needs_record(a, NULL)) {
        Tensor *in[1] = {a};
        TapeNode *n = tape_record(I, log_ ? OP_LOGSOFTMAX : OP_SOFTMAX, o, 1, in);
        if (!n) { tdec(o); return NULL; }
        n->ip[0] = a->ndim ? dim : 0;
        if (!tape_save(I, n, 0, o)) { tdec(o); return NULL; }
    }
    return o;
}

Tensor *tensor_maxmin_op(Interp *I, Tensor *a, int dim, bool keepdim, bool is_max, Tensor **indices) {
    if (a->numel == 0) {
        if (dim < 0)
            err_raise(I, EXC_RuntimeError, "%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
                      is_max ? "max" : "min");
        else err_raise(I, EXC_IndexError, "%s(): Expected reduction dim %d to have non-zero size.", is_max ? "max" : "min", dim);
        return NULL;
    }
    Tensor *v = NULL, *ix = NULL;
    if (!kern_maxmin(I, a, dim, keepdim, is_max, &v, &ix)) return NULL;
    if (dtype_is_float(a->dtype) && needs_record(a, NULL)) {
        OpKind op = dim < 0 ? (is_max ? OP_MAX : OP_MIN) : (is_max ? OP_MAXDIM : OP_MINDIM);
        Tensor *in[1] = {a};
        TapeNode *n = tape_record(I, op, v, 1, in);
        bool ok = n != NULL;
        if (ok) {
            n->ip[0] = dim;
            n->ip[1] = keepdim;
            if (dim < 0) ok = tape_save(I, n, 0, a) && tape_save(I, n, 1, v);
            else ok = tape_save(I, n, 0, ix);
        }
        if (!ok) { tdec(v); tdec(ix); return NULL; }
    }
    if (indices) *indices = ix;
    else tdec(ix);
    return v;
}

/* View-producing ops record the geometry of the view relative to a contiguous input so
 * that backward can scatter the grad through the same view (grad.c). */
static bool record_view(Interp *I, OpKind op, Tensor *a, Tensor *o, int ndim, const int64_t *vshape,
                        const int64_t *vstride, int64_t voff) {
    if (!needs_record(a, NULL) || !dtype_is_float(a->dtype)) return true;
    Tensor *in[1] = {a};
    TapeNode *n = tape_record(I, op, o, 1, in);
    if (!n) return false;
    n->ip[0] = ndim;
    n->ip[1] = voff;
    for (int d = 0; d < ndim; d++) { n->ip[2 + d] = vshape[d]; n->ip[2 + TENSOR_MAX_DIMS + d] = vstride[d]; }
    return true;
}

/* A view described per output dim by (source dim or -1 for a new size-1/broadcast dim,
 * step multiplier), plus a start index per source dim. Works for any strides of a. */
typedef struct {
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    int src[TENSOR_MAX_DIMS];        /* source dim, -1: inserted dim */
    int64_t step[TENSOR_MAX_DIMS];   /* multiplier of the source dim's stride (0 for broadcast) */
    int64_t start[TENSOR_MAX_DIMS];  /* per source dim */
} ViewSpec;

static Tensor *view_from_spec(Interp *I, OpKind op, Tensor *a, const ViewSpec *v) {
    int64_t st[TENSOR_MAX_DIMS], cst[TENSOR_MAX_DIMS], acs[TENSOR_MAX_DIMS];
    contig_strides(a->ndim, a->shape, acs);
    int64_t off = a->offset, coff = 0;
    for (int d = 0; d < a->ndim; d++) { off += v->start[d] * a->stride[d]; coff += v->start[d] * acs[d]; }
    for (int d = 0; d < v->ndim; d++) {
        if (v->src[d] < 0) { st[d] = 0; cst[d] = 0; }
        else { st[d] = a->stride[v->src[d]] * v->step[d]; cst[d] = acs[v->src[d]] * v->step[d]; }
    }
    Tensor *o = tensor_view(I, a, v->ndim, v->shape, st, off);
    if (!o) return NULL;
    o->flavor = a->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : a->flavor;
    if (op != OP_NOT && !record_view(I, op, a, o, v->ndim, v->shape, cst, coff)) { tdec(o); return NULL; }
    return o;
}
static void spec_identity(ViewSpec *v, const Tensor *a) {
    v->ndim = a->ndim;
    for (int d = 0; d < a->ndim; d++) { v->shape[d] = a->shape[d]; v->src[d] = d; v->step[d] = 1; v->start[d] = 0; }
}

Tensor *tensor_permute_op(Interp *I, OpKind op, Tensor *a, const int *perm) {
    ViewSpec v;
    spec_identity(&v, a);
    for (int d = 0; d < a->ndim; d++) { v.shape[d] = a->shape[perm[d]]; v.src[d] = perm[d]; }
    return view_from_spec(I, op, a, &v);
}

Tensor *tensor_unsqueeze_op(Interp *I, Tensor *a, int dim) {
    if (a->ndim >= TENSOR_MAX_DIMS) { err_raise(I, EXC_RuntimeError, "tensors have at most %d dimensions", TENSOR_MAX_DIMS); return NULL; }
    ViewSpec v;
    spec_identity(&v, a);
    v.ndim = a->ndim + 1;
    for (int d = a->ndim; d > dim; d--) { v.shape[d] = v.shape[d - 1]; v.src[d] = v.src[d - 1]; v.step[d] = 1; }
    v.shape[dim] = 1;
    v.src[dim] = -1;
    v.step[dim] = 0;
    return view_from_spec(I, OP_UNSQUEEZE, a, &v);
}

Tensor *tensor_squeeze_op(Interp *I, Tensor *a, int dim) {
    ViewSpec v;
    spec_identity(&v, a);
    v.ndim = 0;
    for (int d = 0; d < a->ndim; d++) {
        bool drop = a->shape[d] == 1 && (dim < 0 || d == dim);
        if (drop) continue;
        v.shape[v.ndim] = a->shape[d];
        v.src[v.ndim] = d;
        v.step[v.ndim] = 1;
        v.ndim++;
    }
    return view_from_spec(I, dim < 0 ? OP_SQUEEZE : OP_SQUEEZEDIM, a, &v);
}

Tensor *tensor_expand_op(Interp *I, Tensor *a, int ndim, const int64_t *shape) {
    ViewSpec v;
    v.ndim = ndim;
    for (int d = 0; d < a->ndim; d++) v.start[d] = 0;
    int sh = ndim - a->ndim;
    for (int d = 0; d < ndim; d++) {
        int dd = d - sh;
        int64_t want = shape[d];
        if (dd < 0) {
            if (want < 0) { err_raise(I, EXC_RuntimeError, "The expanded size of the tensor (%lld) isn't allowed in a leading, non-existing dimension %d", (long long)want, d); return NULL; }
            v.shape[d] = want; v.src[d] = -1; v.step[d] = 0;
            continue;
        }
        if (want == -1) want = a->shape[dd];
        if (a->shape[dd] == want) { v.shape[d] = want; v.src[d] = dd; v.step[d] = 1; }
        else if (a->shape[dd] == 1) { v.shape[d] = want; v.src[d] = -1; v.step[d] = 0; }
        else {
            err_raise(I, EXC_RuntimeError,
                      "The expanded size of the tensor (%lld) must match the existing size (%lld) at non-singleton dimension %d.  Target sizes: [...].  Tensor sizes: [...]",
                      (long long)want, (long long)a->shape[dd], d);
            return NULL;
        }
    }
    return view_from_spec(I, OP_EXPAND, a, &v);
}

/* a[..., start:start+len, ...] along dim, recorded as op (split's pieces: OP_SPLIT) */
Tensor *tensor_narrow_op(Interp *I, OpKind op, Tensor *a, int dim, int64_t start, int64_t len) {
    ViewSpec v;
    spec_identity(&v, a);
    v.shape[dim] = len;
    v.start[dim] = start;
    return view_from_spec(I, op, a, &v);
}

Tensor *tensor_clone_op(Interp *I, Tensor *a) {
    Tensor *o = tensor_copy(I, a, a->dtype);
    if (!o) return NULL;
    if (needs_record(a, NULL) && dtype_is_float(a->dtype)) {
        Tensor *in[1] = {a};
        if (!tape_record(I, OP_CLONE, o, 1, in)) { tdec(o); return NULL; }
    }
    return o;
}

/* cat of two tensors with equal shapes except along dim */
static Tensor *cat2(Interp *I, Tensor *a, Tensor *b, int dim, DType dt, int flavor) {
    int64_t sh[TENSOR_MAX_DIMS];
    memcpy(sh, a->shape, sizeof sh);
    sh[dim] = a->shape[dim] + b->shape[dim];
    Tensor *o = tensor_new(I, dt, flavor, a->ndim, sh);
    if (!o) return NULL;
    int64_t st[TENSOR_MAX_DIMS];
    memcpy(st, o->stride, sizeof st);
    Tensor *va = tensor_view(I, o, a->ndim, a->shape, st, 0);
    Tensor *vb = va ? tensor_view(I, o, b->ndim, b->shape, st, a->shape[dim] * o->stride[dim]) : NULL;
    if (!vb) { tdec(va); tdec(o); return NULL; }
    copy_into(va, a);
    copy_into(vb, b);
    tdec(va);
    tdec(vb);
    if (dtype_is_float(dt) && needs_record(a, b)) {
        Tensor *in[2] = {a, b};
        TapeNode *n = tape_record(I, OP_CAT, o, 2, in);
        if (!n) { tdec(o); return NULL; }
        n->ip[0] = dim;
    }
    return o;
}

Tensor *tensor_cat_op(Interp *I, int n, Tensor *const *ts, int dim, bool stack) {
    if (n == 0) {
        err_raise(I, EXC_RuntimeError, stack ? "stack expects a non-empty TensorList" : "torch.cat(): expected a non-empty list of Tensors");
        return NULL;
    }
    bool numpy = is_np(ts[0]);
    int flavor = numpy ? FLAVOR_NUMPY : FLAVOR_TORCH;
    DType dt = ts[0]->dtype;
    for (int i = 1; i < n; i++) dt = dtype_promote(dt, ts[i]->dtype, numpy);
    int nd = ts[0]->ndim + (stack ? 1 : 0);
    if (dim < 0) dim += nd;
    if (dim < 0 || dim >= nd || (!stack && ts[0]->ndim == 0)) {
        if (!stack && ts[0]->ndim == 0) err_raise(I, EXC_RuntimeError, "zero-dimensional tensor (at position 0) cannot be concatenated");
        else err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got %d)", -nd, nd - 1, dim);
        return NULL;
    }
    for (int i = 1; i < n; i++) {
        bool ok = ts[i]->ndim == ts[0]->ndim;
        for (int d = 0; ok && d < ts[0]->ndim; d++)
            if ((stack || d != dim) && ts[i]->shape[d] != ts[0]->shape[d]) ok = false;
        if (!ok && numpy) {
            if (stack) err_raise(I, EXC_ValueError, "all input arrays must have the same shape");
            else if (ts[i]->ndim != ts[0]->ndim)
                err_raise(I, EXC_ValueError, "all the input arrays must have same number of dimensions, but the array at index 0 has %d dimension(s) and the array at index %d has %d dimension(s)", ts[0]->ndim, i, ts[i]->ndim);
            else {
                int bad = 0;
                while (bad < ts[0]->ndim && (bad == dim || ts[i]->shape[bad] == ts[0]->shape[bad])) bad++;
                err_raise(I, EXC_ValueError, "all the input array dimensions except for the concatenation axis must match exactly, but along dimension %d, the array at index 0 has size %lld and the array at index %d has size %lld",
                          bad, (long long)ts[0]->shape[bad], i, (long long)ts[i]->shape[bad]);
            }
            return NULL;
        }
        if (!ok) { /* torch 1.13's words: the shapes for stack, the first differing size for cat */
            if (stack) {
                char s0[160], si[160];
                shape_str(s0, sizeof s0, ts[0]->ndim, ts[0]->shape, false);
                shape_str(si, sizeof si, ts[i]->ndim, ts[i]->shape, false);
                err_raise(I, EXC_RuntimeError, "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d", s0, si, i);
            } else if (ts[i]->ndim != ts[0]->ndim) {
                err_raise(I, EXC_RuntimeError, "Tensors must have same number of dimensions: got %d and %d", ts[0]->ndim, ts[i]->ndim);
            } else {
                int bad = 0;
                while (bad < ts[0]->ndim && (bad == dim || ts[i]->shape[bad] == ts[0]->shape[bad])) bad++;
                err_raise(I, EXC_RuntimeError, "Sizes of tensors must match except in dimension %d. Expected size %lld but got size %lld for tensor number %d in the list.",
                          dim, (long long)ts[0]->shape[bad], (long long)ts[i]->shape[bad], i);
            }
            return NULL;
        }
    }
    Tensor *acc = NULL;
    for (int i = 0; i < n; i++) {
        Tensor *t = ts[i];
        Tensor *u = stack ? tensor_unsqueeze_op(I, t, dim) : tinc(t);
        if (!u) { tdec(acc); return NULL; }
        if (!acc) {
            if (n == 1) { acc = tensor_clone_op(I, u); tdec(u); if (!acc) return NULL; break; }
            acc = u;
            continue;
        }
        Tensor *r = cat2(I, acc, u, dim, dt, flavor);
        tdec(acc);
        tdec(u);
        if (!r) return NULL;
        acc = r;
    }
    if (stack && acc->grad_fn && acc->grad_fn->op == OP_CAT) acc->grad_fn->op = OP_STACK;
    return acc;
}

static Tensor *cast_op(Interp *I, Tensor *a, DType dt) {
    if (dt == a->dtype) return tinc(a);
    Tensor *o = tensor_copy(I, a, dt);
    if (!o) return NULL;
    if (needs_record(a, NULL) && dtype_is_float(a->dtype) && dtype_is_float(dt)) {
        Tensor *in[1] = {a};
        if (!tape_record(I, OP_TOCOPY, o, 1, in)) { tdec(o); return NULL; }
    }
    return o;
}

/* reshape/view: -1 inference, then an alias when a is contiguous, else a copy. */
static bool infer_shape(Interp *I, Tensor *a, int ndim, const int64_t *in, int64_t *out) {
    int neg = -1;
    int64_t prod = 1;
    for (int d = 0; d < ndim; d++) {
        if (in[d] == -1) {
            if (neg >= 0) { err_raise(I, EXC_RuntimeError, "only one dimension can be inferred"); return false; }
            neg = d;
        } else if (in[d] < 0) {
            err_raise(I, EXC_RuntimeError, "invalid shape dimension %lld", (long long)in[d]);
            return false;
        } else prod *= in[d];
        out[d] = in[d];
    }
    if (neg >= 0) {
        if (prod == 0 || a->numel % prod != 0) goto bad;
        out[neg] = a->numel / prod;
    } else if (prod != a->numel) goto bad;
    return true;
bad:;
    char buf[160];
    size_t k = 0;
    k += snprintf(buf + k, sizeof buf - k, "[");
    for (int d = 0; d < ndim && k < sizeof buf; d++) k += snprintf(buf + k, sizeof buf - k, "%s%lld", d ? ", " : "", (long long)in[d]);
    if (k < sizeof buf) snprintf(buf + k, sizeof buf - k, "]");
    if (is_np(a)) {
        char s[160];
        shape_str(s, sizeof s, ndim, in, true);
        err_raise(I, EXC_ValueError, "cannot reshape array of size %lld into shape %s", (long long)a->numel, s);
    } else
        err_raise(I, EXC_RuntimeError, "shape '%s' is invalid for input of size %lld", buf, (long long)a->numel);
    return false;
}

Tensor *tensor_reshape_op(Interp *I, OpKind op, Tensor *a, int ndim, const int64_t *shape_in) {
    int64_t shape[TENSOR_MAX_DIMS], st[TENSOR_MAX_DIMS];
    if (ndim > TENSOR_MAX_DIMS) { err_raise(I, EXC_RuntimeError, "tensors have at most %d dimensions", TENSOR_MAX_DIMS); return NULL; }
    if (!infer_shape(I, a, ndim, shape_in, shape)) return NULL;
    contig_strides(ndim, shape, st);
    Tensor *o;
    if (tensor_is_contiguous(a)) {
        o = tensor_view(I, a, ndim, shape, st, a->offset);
        if (!o) return NULL;
        o->flavor = a->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : a->flavor;
        if (!record_view(I, op, a, o, ndim, shape, st, 0)) { tdec(o); return NULL; }
        return o;
    }
    if (op == OP_VIEW) {
        err_raise(I, EXC_RuntimeError,
                  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
        return NULL;
    }
    Tensor *c = tensor_copy(I, a, a->dtype);
    if (!c) return NULL;
    o = tensor_view(I, c, ndim, shape, st, 0);
    tdec(c);
    if (!o) return NULL;
    o->flavor = a->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : a->flavor;
    if (!record_view(I, OP_UNSAFEVIEW, a, o, ndim, shape, st, 0)) { tdec(o); return NULL; }
    return o;
}

/* np.dot / ndarray.dot: the inner dims must agree ("shapes (2,3) and (2,3) not aligned: ..."). */
bool np_dot_aligned(Interp *I, const Tensor *a, const Tensor *b) {
    if (a->ndim == 0 || b->ndim == 0) return true;
    int da = a->ndim - 1, db = b->ndim == 1 ? 0 : b->ndim - 2;
    if (a->shape[da] == b->shape[db]) return true;
    char sa[200], sb[200];
    const Tensor *ts[2] = {a, b};
    char *bufs[2] = {sa, sb};
    for (int k = 0; k < 2; k++) {
        int p = snprintf(bufs[k], 200, "(");
        for (int d = 0; d < ts[k]->ndim; d++) p += snprintf(bufs[k] + p, 200 - p, "%s%lld", d ? "," : "", (long long)ts[k]->shape[d]);
        snprintf(bufs[k] + p, 200 - p, "%s)", ts[k]->ndim == 1 ? "," : "");
    }
    err_raise(I, EXC_ValueError, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)", sa, sb,
              (long long)a->shape[da], da, (long long)b->shape[db], db);
    return false;
}

/* matmul dispatch as torch: dot (1-D·1-D), mv, mm, bmm; errors in torch's words. */
Tensor *tensor_matmul_op(Interp *I, Tensor *a, Tensor *b) {
    bool numpy = is_np(a) || is_np(b);
    if (a->ndim == 0 || b->ndim == 0) {
        if (numpy) err_raise(I, EXC_ValueError, "matmul: Input operand %d does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)", a->ndim == 0 ? 0 : 1);
        else err_raise(I, EXC_RuntimeError, "both arguments to matmul need to be at least 1D, but they are %dD and %dD", a->ndim, b->ndim);
        return NULL;
    }
    if (a->ndim > 3 || b->ndim > 3 || (a->ndim == 3 && b->ndim == 3 && a->shape[0] != b->shape[0])) {
        err_raise(I, EXC_RuntimeError, "matmul supports tensors of up to 3 dimensions with equal batch sizes");
        return NULL;
    }
    int64_t ka = a->shape[a->ndim - 1], kb = b->ndim == 1 ? b->shape[0] : b->shape[b->ndim - 2];
    if (ka != kb) {
        if (numpy)
            err_raise(I, EXC_ValueError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size %lld is different from %lld)", (long long)kb, (long long)ka);
        else if (a->ndim == 1 && b->ndim == 1)
            err_raise(I, EXC_RuntimeError, "inconsistent tensor size, expected tensor [%lld] and src [%lld] to have the same number of elements, but got %lld and %lld elements respectively",
                      (long long)ka, (long long)kb, (long long)ka, (long long)kb);
        else if (a->ndim == 2 && b->ndim == 1)
            err_raise(I, EXC_RuntimeError, "size mismatch, got %lld, %lldx%lld,%lld", (long long)a->shape[0], (long long)a->shape[0], (long long)ka, (long long)kb);
        else {
            int64_t rows = 1; /* a's leading dims flattened (not numel / ka: ka may be 0) */
            for (int d = 0; d < a->ndim - 1; d++) rows *= a->shape[d];
            err_raise(I, EXC_RuntimeError, "mat1 and mat2 shapes cannot be multiplied (%lldx%lld and %lldx%lld)",
                      (long long)rows, (long long)ka, (long long)kb,
                      (long long)(b->ndim == 1 ? 1 : b->shape[b->ndim - 1]));
        }
        return NULL;
    }
    DType dt;
    if (numpy) {
        Operand o[2] = {{a->dtype, 0, 0}, {b->dtype, 0, 0}};
        dt = numpy_result(o, 2);
    } else {
        if (a->dtype != b->dtype && a->ndim == 1 && b->ndim == 1) {
            static const char *const tn[DT__COUNT] = {"Bool", "Long", "Float", "Double"};
            err_raise(I, EXC_RuntimeError, "dot : expected both vectors to have same dtype, but found %s and %s", tn[a->dtype], tn[b->dtype]);
            return NULL;
        }
        if (a->dtype != b->dtype) {
            err_raise(I, EXC_RuntimeError, "expected scalar type %s but found %s",
                      dtype_aten_word[a->dtype],
                      dtype_aten_word[b->dtype]);
            return NULL;
        }
        dt = a->dtype;
    }
    if (dt == DT_BOOL) dt = DT_INT64;
    Tensor *o = kern_matmul(I, a, b, dt, flavor_of2(a, b));
    if (!o) return NULL;
    if (dtype_is_float(dt) && needs_record(a, b)) {
        OpKind op = (a->ndim == 1 && b->ndim == 1) ? OP_DOT : (a->ndim == 2 && b->ndim == 2) ? OP_MM
                  : (a->ndim == 2 && b->ndim == 1) ? OP_MV : (a->ndim == 1 && b->ndim == 2) ? OP_VM : OP_BMM;
        Tensor *in[2] = {a, b};
        TapeNode *n = tape_record(I, op, o, 2, in);
        if (!n || !tape_save(I, n, 0, a) || !tape_save(I, n, 1, b)) { tdec(o); return NULL; }
    }
    return o;
}

/* ---- Python-level binary operators ------------------------------------------------- */
static bool as_operand(Interp *I, Value v, bool numpy, Tensor **t, Operand *o, bool *owned) {
    *owned = false;
    if (IS_TENSOR(v)) {
        *t = AS_TENSOR(v);
        o->dt = (*t)->dtype;
        o->kind = (*t)->ndim ? 0 : 1;
        o->value = (*t)->numel == 1 ? tensor_get(*t, 0) : 0;
        return true;
    }
    if (IS_BOOL(v) || IS_INT(v) || IS_FLOAT(v)) {
        *t = NULL;
        o->dt = IS_BOOL(v) ? DT_BOOL : IS_INT(v) ? DT_INT64 : DT_FLOAT64;
        o->kind = 2;
        o->value = IS_BOOL(v) ? v.as.b : IS_INT(v) ? (double)v.as.i : v.as.f;
        return true;
    }
    if (numpy && is_seq(v)) {
        *t = tensor_from_value(I, v, -1, FLAVOR_NUMPY);
        if (!*t) return false;
        *owned = true;
        o->dt = (*t)->dtype;
        o->kind = (*t)->ndim ? 0 : 1;
        o->value = 0;
        return true;
    }
    *t = NULL;
    o->kind = -1;
    return true;
}

static Tensor *scalar_to_tensor(Interp *I, Value v, DType dt, int flavor) {
    if (IS_INT(v) && dt == DT_INT64) {
        Tensor *t = tensor_new(I, DT_INT64, flavor, 0, NULL);
        if (t) ((int64_t *)t->storage->data)[0] = v.as.i;
        return t;
    }
    double x = IS_BOOL(v) ? v.as.b : IS_INT(v) ? (double)v.as.i : v.as.f;
    return tensor_scalar(I, dt, flavor, x);
}

/* scalar_to_tensor for an operand nothing will keep (see TensorTmp) */
static Tensor *scalar_to_tmp(TensorTmp *tmp, Value v, DType dt, int flavor) {
    if (IS_INT(v) && dt == DT_INT64) {
        Tensor *t = tensor_scalar_tmp(tmp, DT_INT64, flavor, 0);
        ((int64_t *)t->storage->data)[0] = v.as.i;
        return t;
    }
    return tensor_scalar_tmp(tmp, dt, flavor, IS_BOOL(v) ? v.as.b : IS_INT(v) ? (double)v.as.i : v.as.f);
}

static OpKind binop_to_op(BinOp op) {
    switch (op) {
    case BIN_ADD: return OP_ADD;
    case BIN_SUB: return OP_SUB;
    case BIN_MUL: return OP_MUL;
    case BIN_TRUEDIV: return OP_DIV;
    case BIN_FLOORDIV: return OP_FLOORDIV;
    case BIN_MOD: return OP_MOD;
    case BIN_POW: return OP_POWT;
    case BIN_AND: return OP_BITAND;
    case BIN_OR: return OP_BITOR;
    case BIN_XOR: return OP_BITXOR;
    case BIN_LSHIFT: return OP_LSHIFT;
    case BIN_RSHIFT: return OP_RSHIFT;
    case BIN_LT: return OP_LT;
    case BIN_LE: return OP_LE;
    case BIN_EQ: return OP_EQ;
    case BIN_NE: return OP_NE;
    case BIN_GT: return OP_GT;
    case BIN_GE: return OP_GE;
    default: return OP__COUNT;
    }
}

static const char *tname(Value v) {
    if (IS_TENSOR(v)) return AS_TENSOR(v)->flavor == FLAVOR_TORCH ? "Tensor" : "numpy.ndarray";
    return val_type_name(v);
}

/* binary_core on tensors ta and tb, either of which may be NULL for the Python number a or b. */
static Tensor *binary_values(Interp *I, OpKind op, Value a, Value b, Tensor *ta, Tensor *tb, DType ct, DType out, int flavor) {
    /* a number next to a tensor the tape will not see needs no heap tensor (lr * w.grad) */
    bool tmp_ok = !needs_record(ta ? ta : tb, NULL);
    TensorTmp tmp;
    Tensor *sa = ta ? ta : tmp_ok ? scalar_to_tmp(&tmp, a, ct, flavor) : scalar_to_tensor(I, a, ct, flavor);
    Tensor *sb = tb ? tb : tmp_ok ? scalar_to_tmp(&tmp, b, ct, flavor) : scalar_to_tensor(I, b, ct, flavor);
    Tensor *res = sa && sb ? binary_core(I, op, sa, sb, ct, out, flavor) : NULL;
    if (!ta && !tmp_ok) tdec(sa);
    if (!tb && !tmp_ok) tdec(sb);
    return res;
}

/* Compute a op b where at least one is a tensor. Returns a new tensor, NULL on error, or sets
 * *notimpl when the other operand is not something tensors combine with. */
static Tensor *binop_tensors(Interp *I, BinOp bop, Value a, Value b, bool *notimpl) {
    *notimpl = false;
    Tensor *ta0 = IS_TENSOR(a) ? AS_TENSOR(a) : NULL, *tb0 = IS_TENSOR(b) ? AS_TENSOR(b) : NULL;
    if (ta0 && tb0 && (ta0->flavor == FLAVOR_TORCH) != (tb0->flavor == FLAVOR_TORCH)) {
        err_raise(I, EXC_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", binop_symbol[bop], tname(a), tname(b));
        return NULL;
    }
    bool numpy = (ta0 ? ta0 : tb0)->flavor != FLAVOR_TORCH;
    /* Teaching code's common case, decided without the general promotion below: + - * / of a
     * float tensor with a tensor of its dtype, or with a Python int or float. Both libraries give
     * these the tensor's dtype: torch when the number is on the right (either side for + and *;
     * number - tensor is its own op), NumPy 1.x when the tensor is an array with dims (value-based
     * casting; a NumPy scalar and a Python float make a float64). */
    if (bop == BIN_ADD || bop == BIN_SUB || bop == BIN_MUL || bop == BIN_TRUEDIV) {
        Tensor *t = ta0 ? ta0 : tb0;
        Value num = ta0 ? b : a;
        bool fast = ta0 && tb0 ? ta0->dtype == tb0->dtype
                  : (IS_INT(num) || IS_FLOAT(num)) &&
                    (numpy ? t->ndim > 0 : ta0 || bop == BIN_ADD || bop == BIN_MUL);
        if (fast && dtype_is_float(t->dtype))
            return binary_values(I, binop_to_op(bop), a, b, ta0, tb0, t->dtype, t->dtype, numpy ? FLAVOR_NUMPY : FLAVOR_TORCH);
    }
    int flavor = numpy ? FLAVOR_NUMPY : FLAVOR_TORCH;
    Tensor *ta, *tb;
    Operand o[2];
    bool own_a, own_b;
    if (!as_operand(I, a, numpy, &ta, &o[0], &own_a)) return NULL;
    if (!as_operand(I, b, numpy, &tb, &o[1], &own_b)) { if (own_a) tdec(ta); return NULL; }
    Tensor *res = NULL;
    if (o[0].kind < 0 || o[1].kind < 0) { *notimpl = true; goto done; }
    if (bop == BIN_MATMUL) {
        if (!ta || !tb) {
            err_raise(I, EXC_TypeError, "unsupported operand type(s) for @: '%s' and '%s'", tname(a), tname(b));
            goto done;
        }
        res = tensor_matmul_op(I, ta, tb);
        goto done;
    }
    OpKind op = binop_to_op(bop);
    if (op == OP__COUNT) { *notimpl = true; goto done; }
    DType pr = numpy ? numpy_result(o, 2) : torch_result(o, 2), ct, out;
    /* tensor ** Python number: the scalar-exponent op (PowBackward0, torch's fast paths) */
    if (op == OP_POWT && ta && !tb) {
        double p = o[1].value;
        if (!dtype_is_float(pr) && !dtype_is_float(ta->dtype) && o[1].dt != DT_FLOAT64) {
            if (p < 0) {
                if (numpy) err_raise(I, EXC_ValueError, "Integers to negative integer powers are not allowed.");
                else err_raise(I, EXC_RuntimeError, "Integers to negative integer powers are not allowed.");
                goto done;
            }
        }
        Tensor *src = ta;
        Tensor *cast = NULL;
        if (pr != ta->dtype) { cast = cast_op(I, ta, pr); if (!cast) goto done; src = cast; }
        res = unary_core(I, OP_POW, src, p, 0, 0);
        tdec(cast);
        goto done;
    }
    if ((op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR || op == OP_LSHIFT || op == OP_RSHIFT) && !numpy && ta && tb) {
        int nd; /* torch checks the shapes before the dtype */
        int64_t sh[TENSOR_MAX_DIMS];
        if (!tensor_broadcast_shape(I, ta, tb, &nd, sh)) goto done;
    }
    if (!numpy && op == OP_SUB && pr != DT_BOOL && (o[0].dt == DT_BOOL || o[1].dt == DT_BOOL)) {
        err_raise(I, EXC_RuntimeError, "Subtraction, the `-` operator, with a bool tensor is not supported. "
                  "If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        goto done;
    }
    if (!binop_dtypes(I, op, pr, numpy, &ct, &out)) goto done;
    /* Python number - tensor and number / tensor are their own ops in torch */
    if (!ta && !numpy && (op == OP_SUB || op == OP_DIV) && dtype_is_float(ct)) {
        Tensor *src = tb, *cast = NULL;
        if (ct != tb->dtype) { cast = tensor_copy(I, tb, ct); if (!cast) goto done; src = cast; }
        if (op == OP_DIV) res = unary_core(I, OP_RDIV, tb->dtype == ct ? tb : src, o[0].value, 0, 0);
        else {
            Tensor *s = scalar_to_tensor(I, a, ct, flavor);
            if (s) {
                res = kern_binary(I, OP_SUB, s, src, ct, out, flavor);
                if (res && needs_record(tb, NULL)) {
                    Tensor *in[1] = {tb};
                    TapeNode *n = tape_record(I, OP_RSUB, res, 1, in);
                    if (!n) { tdec(res); res = NULL; }
                }
                tdec(s);
            }
        }
        tdec(cast);
        goto done;
    }
    res = binary_values(I, op, a, b, ta, tb, ct, out, flavor);
done:
    if (own_a) tdec(ta);
    if (own_b) tdec(tb);
    return res;
}

Value tensor_binop(Interp *I, BinOp op, Value a, Value b) {
    bool notimpl;
    Tensor *r = binop_tensors(I, op, a, b, &notimpl);
    if (notimpl) return VAL_NOTIMPL;
    return tensor_result(I, r);
}

/* In-place `self op= other`: torch writes into self's storage (and forbids it on leaves that
 * require grad while recording); NumPy scalars are immutable, so they rebind. */
static bool write_into(Interp *I, Tensor *dst, Tensor *src, bool numpy) {
    if (src->ndim > dst->ndim) goto bad;
    for (int d = 0; d < src->ndim; d++) {
        int64_t s = src->shape[src->ndim - 1 - d], t = dst->shape[dst->ndim - 1 - d];
        if (s != t && s != 1) goto bad;
    }
    if (tensor_same_shape(src, dst)) {
        copy_into(dst, src); /* w -= lr * w.grad: nothing to broadcast */
    } else {
        Tensor *e = tensor_expand_to(I, src, dst->ndim, dst->shape);
        if (!e) return false;
        copy_into(dst, e);
        tdec(e);
    }
    dst->storage->version++;
    dst->version++;
    return true;
bad:;
    char s1[128], s2[128];
    if (numpy) {
        shape_str(s1, sizeof s1, dst->ndim, dst->shape, true);
        shape_str(s2, sizeof s2, src->ndim, src->shape, true);
        err_raise(I, EXC_ValueError, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s", s1, s2);
    } else {
        shape_str(s1, sizeof s1, dst->ndim, dst->shape, false);
        shape_str(s2, sizeof s2, src->ndim, src->shape, false);
        err_raise(I, EXC_RuntimeError, "output with shape %s doesn't match the broadcast shape %s", s1, s2);
    }
    return false;
}

/* dst[...] = src (broadcast, converted): the out= argument of torch.add(..., out=y), np.add(..., out=a) */
bool tensor_assign(Interp *I, Tensor *dst, Tensor *src) { return write_into(I, dst, src, dst->flavor != FLAVOR_TORCH); }


static bool check_inplace_leaf(Interp *I, Tensor *t) {
    if (t->flavor == FLAVOR_TORCH && tape_grad_enabled && t->requires_grad && !t->grad_fn) {
        err_raise(I, EXC_RuntimeError, "a leaf Variable that requires grad is being used in an in-place operation.");
        err_hint(I, "update parameters inside `with torch.no_grad():` (or `with nograd:`), e.g. `with torch.no_grad(): w -= lr * w.grad`");
        return false;
    }
    return true;
}

bool tensor_check_inplace_leaf(Interp *I, Tensor *t) { return check_inplace_leaf(I, t); }

static Value tensor_ibinop(Interp *I, BinOp op, Value self, Value other) {
    Tensor *t = AS_TENSOR(self);
    if (t->flavor == FLAVOR_NUMPY_SCALAR) return VAL_NOTIMPL;
    if (op == BIN_MATMUL) return VAL_NOTIMPL;
    if (!check_inplace_leaf(I, t)) return VAL_ERR;
    bool other_grad = IS_TENSOR(other) && AS_TENSOR(other)->requires_grad;
    if (t->flavor == FLAVOR_TORCH && tape_grad_enabled && (t->grad_fn || other_grad))
        return VAL_NOTIMPL; /* recorded in-place ops are not modelled: rebind instead */
    bool notimpl;
    Tensor *r = binop_tensors(I, op, self, other, &notimpl);
    if (notimpl) return VAL_NOTIMPL;
    if (!r) return VAL_ERR;
    bool ok = true;
    if (dtype_promote(r->dtype, t->dtype, false) != t->dtype && r->dtype != t->dtype) {
        if (t->flavor == FLAVOR_TORCH)
            err_raise(I, EXC_RuntimeError, "result type %s can't be cast to the desired output type %s",
                      dtype_aten_word[r->dtype], dtype_aten_word[t->dtype]);
        else
            err_raise(I, EXC_TypeError, "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with casting rule 'same_kind'",
                      op == BIN_ADD ? "add" : op == BIN_SUB ? "subtract" : op == BIN_MUL ? "multiply" : op == BIN_TRUEDIV ? "divide"
                      : op == BIN_POW ? "power" : op == BIN_FLOORDIV ? "floor_divide" : op == BIN_MOD ? "remainder"
                      : bitwise_ufunc(binop_to_op(op)),
                      dtype_numpy_name[r->dtype], dtype_numpy_name[t->dtype]);
        ok = false;
    }
    if (ok) ok = write_into(I, t, r, t->flavor != FLAVOR_TORCH);
    tdec(r);
    if (!ok) return VAL_ERR;
    return val_incref(self);
}

static Value tensor_unop(Interp *I, UnOp op, Value a) {
    Tensor *t = AS_TENSOR(a);
    switch (op) {
    case UN_NEG: return tensor_result(I, unary_core(I, OP_NEG, t, 0, 0, 0));
    case UN_POS: return val_incref(a);
    case UN_INVERT:
        if (t->dtype == DT_BOOL) return tensor_result(I, kern_unary(I, OP_NOT, t, DT_BOOL, 0, 0, 0));
        if (t->dtype == DT_INT64) {
            Tensor *o = tensor_copy(I, t, DT_INT64);
            if (!o) return VAL_ERR;
            for (int64_t i = 0; i < o->numel; i++) ((int64_t *)o->storage->data)[i] = ~((int64_t *)o->storage->data)[i];
            return tensor_result(I, o);
        }
        if (t->flavor == FLAVOR_TORCH)
            return err_raise(I, EXC_TypeError, "~ (operator.invert) is only implemented on integer and Boolean-type tensors");
        return err_raise(I, EXC_TypeError, "ufunc 'invert' not supported for the input types, and the inputs could not be safely "
                         "coerced to any supported types according to the casting rule ''safe''");
    default: return VAL_NOTIMPL;
    }
}

/* ---- indexing ----------------------------------------------------------------------- */
/* Basic indexing (ints, slices, None, Ellipsis-free) into a ViewSpec. Returns 1 ok, 0 error,
 * 2 advanced index needed. last_op receives SELECT or SLICE (the last applied). */
static int index_spec(Interp *I, Tensor *a, Value key, ViewSpec *v, OpKind *last_op) {
    const Value *items = &key;
    int64_t n = 1;
    if (IS_A(key, tuple_class)) { items = ((Tuple *)AS_OBJ(key))->items; n = ((Tuple *)AS_OBJ(key))->len; }
    int consumed = 0;
    for (int64_t i = 0; i < n; i++) {
        if (IS_TENSOR(items[i]) || is_seq(items[i])) return 2;
        if (!IS_NONE(items[i])) consumed++;
    }
    if (consumed > a->ndim) {
        if (a->flavor == FLAVOR_TORCH)
            err_raise(I, EXC_IndexError, "too many indices for tensor of dimension %d", a->ndim);
        else
            err_raise(I, EXC_IndexError, "too many indices for array: array is %d-dimensional, but %d were indexed", a->ndim, consumed);
        return 0;
    }
    v->ndim = 0;
    for (int d = 0; d < a->ndim; d++) v->start[d] = 0;
    int sd = 0;
    *last_op = OP_SLICE;
    for (int64_t i = 0; i < n; i++) {
        Value k = items[i];
        if (IS_NONE(k)) {
            if (v->ndim >= TENSOR_MAX_DIMS) { err_raise(I, EXC_IndexError, "too many dimensions"); return 0; }
            v->shape[v->ndim] = 1; v->src[v->ndim] = -1; v->step[v->ndim] = 0; v->ndim++;
            continue;
        }
        if (IS_INT(k) || IS_BOOL(k)) {
            if (IS_BOOL(k)) return 2;
            int64_t idx = k.as.i, size = a->shape[sd];
            if (idx < -size || idx >= size) {
                if (a->flavor == FLAVOR_TORCH)
                    err_raise(I, EXC_IndexError, "index %lld is out of bounds for dimension %d with size %lld", (long long)idx, sd, (long long)size);
                else
                    err_raise(I, EXC_IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)idx, sd, (long long)size);
                return 0;
            }
            if (idx < 0) idx += size;
            v->start[sd] = idx;
            sd++;
            *last_op = OP_SELECT;
            continue;
        }
        if (IS_A(k, slice_class)) {
            int64_t start, stop, step, count;
            if (!slice_indices(I, (Slice *)AS_OBJ(k), a->shape[sd], &start, &stop, &step, &count)) return 0;
            if (step <= 0 && a->flavor == FLAVOR_TORCH) {
                err_raise(I, EXC_ValueError, "step must be greater than zero");
                return 0;
            }
            v->start[sd] = count ? start : 0;
            v->shape[v->ndim] = count; v->src[v->ndim] = sd; v->step[v->ndim] = step; v->ndim++;
            sd++;
            *last_op = OP_SLICE;
            continue;
        }
        err_raise(I, EXC_IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got %s)",
                  val_type_name(k));
        return 0;
    }
    for (; sd < a->ndim; sd++) {
        if (v->ndim >= TENSOR_MAX_DIMS) break;
        v->shape[v->ndim] = a->shape[sd]; v->src[v->ndim] = sd; v->step[v->ndim] = 1; v->ndim++;
    }
    return 1;
}

/* Advanced indexing on dim 0 (int list/tensor) or a full boolean mask: element offsets into
 * a's logical (contiguous) element numbering. */
static Tensor *advanced_offsets(Interp *I, Tensor *a, Value key, int *ondim, int64_t *oshape) {
    Tensor *k = IS_TENSOR(key) ? tinc(AS_TENSOR(key)) : tensor_from_value(I, key, -1, a->flavor);
    if (!k) return NULL;
    Tensor *offs = NULL;
    if (k->dtype == DT_BOOL) {
        bool same = k->ndim <= a->ndim;
        for (int d = 0; d < k->ndim && same; d++) same = k->shape[d] == a->shape[d];
        if (!same) {
            err_raise(I, EXC_IndexError, "The shape of the mask [%lld] at index 0 does not match the shape of the indexed tensor [%lld] at index 0",
                      (long long)(k->ndim ? k->shape[0] : 0), (long long)(a->ndim ? a->shape[0] : 0));
            goto out;
        }
        int64_t inner = 1;
        for (int d = k->ndim; d < a->ndim; d++) inner *= a->shape[d];
        int64_t cnt = 0;
        for (int64_t i = 0; i < k->numel; i++) cnt += tensor_get(k, i) != 0;
        *ondim = 1 + a->ndim - k->ndim;
        oshape[0] = cnt;
        for (int d = k->ndim; d < a->ndim; d++) oshape[1 + d - k->ndim] = a->shape[d];
        int64_t total = cnt * inner;
        offs = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &total);
        if (!offs) goto out;
        int64_t p = 0;
        for (int64_t i = 0; i < k->numel; i++)
            if (tensor_get(k, i) != 0)
                for (int64_t j = 0; j < inner; j++) ((int64_t *)offs->storage->data)[p++] = i * inner + j;
    } else if (k->dtype == DT_INT64) {
        if (a->ndim == 0) { err_raise(I, EXC_IndexError, "too many indices for tensor of dimension 0"); goto out; }
        int64_t inner = 1;
        for (int d = 1; d < a->ndim; d++) inner *= a->shape[d];
        if (k->ndim + a->ndim - 1 > TENSOR_MAX_DIMS) { err_raise(I, EXC_IndexError, "too many dimensions"); goto out; }
        *ondim = k->ndim + a->ndim - 1;
        for (int d = 0; d < k->ndim; d++) oshape[d] = k->shape[d];
        for (int d = 1; d < a->ndim; d++) oshape[k->ndim + d - 1] = a->shape[d];
        int64_t total = k->numel * inner;
        offs = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &total);
        if (!offs) goto out;
        for (int64_t i = 0; i < k->numel; i++) {
            int64_t idx = tensor_get_i64(k, i);
            if (idx < -a->shape[0] || idx >= a->shape[0]) {
                if (a->flavor == FLAVOR_TORCH)
                    err_raise(I, EXC_IndexError, "index %lld is out of bounds for dimension 0 with size %lld", (long long)idx, (long long)a->shape[0]);
                else
                    err_raise(I, EXC_IndexError, "index %lld is out of bounds for axis 0 with size %lld", (long long)idx, (long long)a->shape[0]);
                tdec(offs);
                offs = NULL;
                goto out;
            }
            if (idx < 0) idx += a->shape[0];
            for (int64_t j = 0; j < inner; j++) ((int64_t *)offs->storage->data)[i * inner + j] = idx * inner + j;
        }
    } else {
        err_raise(I, EXC_IndexError, "tensors used as indices must be long, int, byte or bool tensors");
    }
out:
    tdec(k);
    return offs;
}

/* Advanced indexing with a tuple key mixing ints, slices, None, index arrays and boolean masks
 * (x[range(n), y], x[:, [0, 2]], x[0, [1, 2]]), with NumPy's rules: the index arrays broadcast
 * together; their result dims go where the first of them stood if they are adjacent, else first.
 * Returns the logical element numbers of a, like advanced_offsets. */
typedef struct { int kind; /* 0 slice, 1 array, 2 new axis */ int sd; int64_t start, step, count; Tensor *idx; } IxEnt;
static Tensor *advanced_offsets_tuple(Interp *I, Tensor *a, Value key, int *ondim, int64_t *oshape) {
    Tuple *tp = (Tuple *)AS_OBJ(key);
    bool torch = a->flavor == FLAVOR_TORCH;
    IxEnt e[3 * TENSOR_MAX_DIMS];
    int ne = 0, sd = 0;
    Tensor *offs = NULL;
    for (int64_t i = 0; i < tp->len; i++) {
        Value k = tp->items[i];
        if (ne >= 2 * TENSOR_MAX_DIMS) { err_raise(I, EXC_IndexError, "too many indices"); goto out; }
        if (IS_NONE(k)) { e[ne++] = (IxEnt){2, -1, 0, 0, 1, NULL}; continue; }
        if (sd >= a->ndim) goto too_many;
        if (IS_A(k, slice_class)) {
            int64_t start, stop, step, count;
            if (!slice_indices(I, (Slice *)AS_OBJ(k), a->shape[sd], &start, &stop, &step, &count)) goto out;
            if (step <= 0 && torch) { err_raise(I, EXC_ValueError, "step must be greater than zero"); goto out; }
            e[ne++] = (IxEnt){0, sd++, count ? start : 0, step, count, NULL};
            continue;
        }
        Tensor *t;
        if (IS_INT(k)) { t = tensor_new(I, DT_INT64, FLAVOR_TORCH, 0, NULL); if (t) ((int64_t *)t->storage->data)[0] = k.as.i; }
        else if (IS_TENSOR(k)) t = tinc(AS_TENSOR(k));
        else if (is_seq(k)) t = tensor_from_value(I, k, -1, a->flavor);
        else {
            if (torch) err_raise(I, EXC_IndexError, "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got %s)", val_type_name(k));
            else err_raise(I, EXC_IndexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices");
            goto out;
        }
        if (!t) goto out;
        if (t->dtype == DT_BOOL) {
            if (sd + t->ndim > a->ndim) { tdec(t); goto too_many; }
            for (int d = 0; d < t->ndim; d++)
                if (t->shape[d] != a->shape[sd + d]) {
                    if (torch) {
                        char ms[160], as[160];
                        int p = 0;
                        p += snprintf(ms + p, sizeof ms - p, "[");
                        for (int q = 0; q < t->ndim; q++) p += snprintf(ms + p, sizeof ms - p, "%s%lld", q ? ", " : "", (long long)t->shape[q]);
                        snprintf(ms + p, sizeof ms - p, "]");
                        p = 0;
                        p += snprintf(as + p, sizeof as - p, "[");
                        for (int q = 0; q < a->ndim; q++) p += snprintf(as + p, sizeof as - p, "%s%lld", q ? ", " : "", (long long)a->shape[q]);
                        snprintf(as + p, sizeof as - p, "]");
                        err_raise(I, EXC_IndexError, "The shape of the mask %s at index %d does not match the shape of the indexed tensor %s at index %d", ms, d, as, sd + d);
                    } else
                        err_raise(I, EXC_IndexError, "boolean index did not match indexed array along dimension %d; dimension is %lld but corresponding boolean dimension is %lld",
                                  sd + d, (long long)a->shape[sd + d], (long long)t->shape[d]);
                    tdec(t);
                    goto out;
                }
            int64_t cnt = 0;
            for (int64_t j = 0; j < t->numel; j++) cnt += tensor_get(t, j) != 0;
            if (ne + t->ndim > 2 * TENSOR_MAX_DIMS) { tdec(t); err_raise(I, EXC_IndexError, "too many indices"); goto out; }
            for (int d = 0; d < t->ndim; d++) {
                Tensor *c = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &cnt);
                if (!c) { tdec(t); goto out; }
                int64_t p = 0;
                for (int64_t j = 0; j < t->numel; j++)
                    if (tensor_get(t, j) != 0) {
                        int64_t r = j;
                        for (int q = t->ndim - 1; q > d; q--) r /= t->shape[q];
                        ((int64_t *)c->storage->data)[p++] = r % t->shape[d];
                    }
                e[ne++] = (IxEnt){1, sd++, 0, 0, 0, c};
            }
            tdec(t);
            continue;
        }
        if (t->dtype != DT_INT64) {
            tdec(t);
            if (torch) err_raise(I, EXC_IndexError, "tensors used as indices must be long, int, byte or bool tensors");
            else err_raise(I, EXC_IndexError, "arrays used as indices must be of integer (or boolean) type");
            goto out;
        }
        e[ne++] = (IxEnt){1, sd++, 0, 0, 0, t};
    }
    for (; sd < a->ndim; sd++) {
        if (ne >= 3 * TENSOR_MAX_DIMS) { err_raise(I, EXC_IndexError, "too many indices"); goto out; }
        e[ne++] = (IxEnt){0, sd, 0, 1, a->shape[sd], NULL};
    }
    /* broadcast the index arrays */
    int bnd = 0, first = -1, last = -1, nadv = 0;
    int64_t bsh[TENSOR_MAX_DIMS];
    for (int i = 0; i < ne; i++) {
        if (e[i].kind != 1) continue;
        if (first < 0) first = i;
        last = i;
        nadv++;
        Tensor *t = e[i].idx;
        if (t->ndim > bnd) {
            for (int d = bnd - 1; d >= 0; d--) bsh[d + t->ndim - bnd] = bsh[d];
            for (int d = 0; d < t->ndim - bnd; d++) bsh[d] = 1;
            bnd = t->ndim;
        }
        for (int d = 0; d < t->ndim; d++) {
            int64_t *b = &bsh[bnd - t->ndim + d];
            if (t->shape[d] == *b || t->shape[d] == 1) continue;
            if (*b == 1) { *b = t->shape[d]; continue; }
            char buf[512];
            int p = 0;
            for (int j = 0; j < ne && p < 400; j++) {
                if (e[j].kind != 1) continue;
                Tensor *u = e[j].idx;
                if (torch) {
                    p += snprintf(buf + p, sizeof buf - p, "%s[", p ? ", " : "");
                    for (int q = 0; q < u->ndim; q++) p += snprintf(buf + p, sizeof buf - p, "%s%lld", q ? ", " : "", (long long)u->shape[q]);
                    p += snprintf(buf + p, sizeof buf - p, "]");
                } else {
                    p += snprintf(buf + p, sizeof buf - p, "(");
                    for (int q = 0; q < u->ndim; q++) p += snprintf(buf + p, sizeof buf - p, "%s%lld", q ? "," : "", (long long)u->shape[q]);
                    p += snprintf(buf + p, sizeof buf - p, "%s) ", u->ndim == 1 ? "," : "");
                }
            }
            err_raise(I, EXC_IndexError, "shape mismatch: indexing %s could not be broadcast together with shapes %s", torch ? "tensors" : "arrays", buf);
            goto out;
        }
    }
    bool adjacent = true;
    for (int i = first; i <= last; i++) if (e[i].kind != 1) adjacent = false;
    /* output dims: each is (entry, -1) for a slice/new axis, or (-1, b) for broadcast dim b */
    int oent[TENSOR_MAX_DIMS], ob[TENSOR_MAX_DIMS], nd = 0;
    int nbasic = 0;
    for (int i = 0; i < ne; i++) if (e[i].kind != 1) nbasic++;
    if (nbasic + bnd > TENSOR_MAX_DIMS) { err_raise(I, EXC_IndexError, "too many dimensions"); goto out; }
    if (!adjacent) for (int b = 0; b < bnd; b++) { oent[nd] = -1; ob[nd] = b; oshape[nd++] = bsh[b]; }
    for (int i = 0; i < ne; i++) {
        if (e[i].kind == 1) {
            if (adjacent && i == first) for (int b = 0; b < bnd; b++) { oent[nd] = -1; ob[nd] = b; oshape[nd++] = bsh[b]; }
            continue;
        }
        oent[nd] = i; ob[nd] = -1; oshape[nd++] = e[i].count;
    }
    *ondim = nd;
    int64_t total = 1;
    for (int d = 0; d < nd; d++) total *= oshape[d];
    int64_t cstride[TENSOR_MAX_DIMS];
    for (int d = a->ndim - 1, st = 1; d >= 0; d--) { cstride[d] = st; st *= a->shape[d]; }
    offs = tensor_new(I, DT_INT64, FLAVOR_TORCH, 1, &total);
    if (!offs) goto out;
    int64_t pos[TENSOR_MAX_DIMS] = {0}, bpos[TENSOR_MAX_DIMS];
    for (int64_t o = 0; o < total; o++) {
        int64_t off = 0;
        for (int d = 0; d < nd; d++) {
            if (ob[d] >= 0) bpos[ob[d]] = pos[d];
            else if (e[oent[d]].kind == 0) off += (e[oent[d]].start + pos[d] * e[oent[d]].step) * cstride[e[oent[d]].sd];
        }
        for (int i = 0; i < ne; i++) {
            if (e[i].kind != 1) continue;
            Tensor *t = e[i].idx;
            int64_t fi = 0;
            for (int d = 0; d < t->ndim; d++) fi = fi * t->shape[d] + (t->shape[d] == 1 ? 0 : bpos[bnd - t->ndim + d]);
            int64_t idx = tensor_get_i64(t, fi), size = a->shape[e[i].sd];
            if (idx < -size || idx >= size) {
                err_raise(I, EXC_IndexError, "index %lld is out of bounds for %s %d with size %lld", (long long)idx, torch ? "dimension" : "axis", e[i].sd, (long long)size);
                tdec(offs);
                offs = NULL;
                goto out;
            }
            if (idx < 0) idx += size;
            off += idx * cstride[e[i].sd];
        }
        ((int64_t *)offs->storage->data)[o] = off;
        for (int d = nd - 1; d >= 0; d--) { if (++pos[d] < oshape[d]) break; pos[d] = 0; }
    }
    (void)nadv;
out:
    for (int i = 0; i < ne; i++) if (e[i].idx) tdec(e[i].idx);
    return offs;
too_many:
    if (torch) err_raise(I, EXC_IndexError, "too many indices for tensor of dimension %d", a->ndim);
    else err_raise(I, EXC_IndexError, "too many indices for array: array is %d-dimensional, but %d were indexed", a->ndim, (int)tp->len);
    goto out;
}
static Tensor *index_offsets(Interp *I, Tensor *a, Value key, int *ondim, int64_t *oshape) {
    if (IS_A(key, tuple_class)) return advanced_offsets_tuple(I, a, key, ondim, oshape);
    return advanced_offsets(I, a, key, ondim, oshape);
}

/* x[..., 0], x[0, ...]: replace the Ellipsis by as many full slices as the dims it stands for.
 * Returns a new key (new reference), VAL_UNDEF when key has no Ellipsis, VAL_ERR on error. */
static Value expand_ellipsis(Interp *I, Tensor *a, Value key) {
    Value one[1] = {key};
    const Value *items = one;
    int64_t n = 1;
    if (IS_A(key, tuple_class)) { items = ((Tuple *)AS_OBJ(key))->items; n = ((Tuple *)AS_OBJ(key))->len; }
    int64_t pos = -1, used = 0;
    for (int64_t i = 0; i < n; i++) {
        if (IS_A(items[i], ellipsis_class)) {
            if (pos >= 0) return err_raise(I, EXC_IndexError, a->flavor == FLAVOR_TORCH ? "Only one Ellipsis is allowed" : "an index can only have a single ellipsis ('...')");
            pos = i;
        } else if (IS_TENSOR(items[i]) && AS_TENSOR(items[i])->dtype == DT_BOOL) used += AS_TENSOR(items[i])->ndim;
        else if (!IS_NONE(items[i])) used++;
    }
    if (pos < 0) return VAL_UNDEF;
    int64_t fill = a->ndim - used;
    if (fill < 0) fill = 0;
    Tuple *t = tuple_new(I, n - 1 + fill);
    if (!t) return VAL_ERR;
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        if (i == pos) {
            for (int64_t k = 0; k < fill; k++) {
                Slice *sl = slice_new(I, VAL_NONE, VAL_NONE, VAL_NONE);
                if (!sl) { val_decref(val_obj(t)); return VAL_ERR; }
                t->items[j++] = val_obj(sl);
            }
        } else t->items[j++] = val_incref(items[i]);
    }
    return val_obj(t);
}
static Value tensor_getitem_core(Interp *I, Value self, Value key);
static Value tensor_getitem(Interp *I, Value self, Value key) {
    Value k2 = expand_ellipsis(I, AS_TENSOR(self), key);
    if (IS_ERR(k2)) return k2;
    if (IS_UNDEF(k2)) return tensor_getitem_core(I, self, key);
    Value r = tensor_getitem_core(I, self, k2);
    val_decref(k2);
    return r;
}
static Value tensor_getitem_core(Interp *I, Value self, Value key) {
    Tensor *a = AS_TENSOR(self);
    if (a->ndim == 0 && !IS_NONE(key) && !IS_A(key, tuple_class)) {
        if (a->flavor == FLAVOR_TORCH) return err_raise(I, EXC_IndexError, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
        return err_raise(I, EXC_IndexError, "too many indices for array: array is 0-dimensional, but 1 were indexed");
    }
    ViewSpec v;
    OpKind last;
    int r = index_spec(I, a, key, &v, &last);
    if (r == 0) return VAL_ERR;
    if (r == 1) {
        Tensor *o = view_from_spec(I, last, a, &v);
        if (!o) return VAL_ERR;
        if (a->flavor != FLAVOR_TORCH && o->ndim == 0) {
            Tensor *c = tensor_copy(I, o, o->dtype);
            tdec(o);
            return tensor_result(I, c);
        }
        return tensor_value(o);
    }
    int ondim;
    int64_t oshape[TENSOR_MAX_DIMS];
    Tensor *offs = index_offsets(I, a, key, &ondim, oshape);
    if (!offs) return VAL_ERR;
    Tensor *o = tensor_new(I, a->dtype, a->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : a->flavor, ondim, oshape);
    if (o) {
        for (int64_t i = 0; i < o->numel; i++) {
            int64_t src = ((int64_t *)offs->storage->data)[i];
            if (a->dtype == DT_INT64) ((int64_t *)o->storage->data)[i] = tensor_get_i64(a, src);
            else raw_set(o, i, tensor_get(a, src));
        }
        if (needs_record(a, NULL) && dtype_is_float(a->dtype)) {
            Tensor *in[1] = {a};
            TapeNode *n = tape_record(I, OP_INDEX, o, 1, in);
            if (!n || !tape_save(I, n, 0, offs)) { tdec(o); o = NULL; }
        }
    }
    tdec(offs);
    return tensor_result(I, o);
}

static bool tensor_setitem_core(Interp *I, Value self, Value key, Value v);
static bool tensor_setitem(Interp *I, Value self, Value key, Value v) {
    Value k2 = expand_ellipsis(I, AS_TENSOR(self), key);
    if (IS_ERR(k2)) return false;
    if (IS_UNDEF(k2)) return tensor_setitem_core(I, self, key, v);
    bool r = tensor_setitem_core(I, self, k2, v);
    val_decref(k2);
    return r;
}
static bool tensor_setitem_core(Interp *I, Value self, Value key, Value v) {
    Tensor *a = AS_TENSOR(self);
    if (a->flavor == FLAVOR_NUMPY_SCALAR) { err_raise(I, EXC_TypeError, "'numpy.%s' object does not support item assignment", dtype_numpy_name[a->dtype]); return false; }
    if (!check_inplace_leaf(I, a)) return false;
    Tensor *src;
    if (IS_TENSOR(v)) src = tinc(AS_TENSOR(v));
    else {
        src = tensor_from_value(I, v, a->dtype, a->flavor);
        if (!src) return false;
    }
    bool ok = false;
    ViewSpec vs;
    OpKind last;
    int r = index_spec(I, a, key, &vs, &last);
    if (r == 1) {
        Tensor *dst = view_from_spec(I, OP_NOT, a, &vs);
        if (dst) { ok = write_into(I, dst, src, a->flavor != FLAVOR_TORCH); tdec(dst); }
        if (ok) a->version++;
    } else if (r == 2) {
        int ondim;
        int64_t oshape[TENSOR_MAX_DIMS];
        Tensor *offs = index_offsets(I, a, key, &ondim, oshape);
        if (offs) {
            Tensor *tmp = tensor_new(I, a->dtype, a->flavor, ondim, oshape);
            if (tmp && write_into(I, tmp, src, a->flavor != FLAVOR_TORCH)) {
                for (int64_t i = 0; i < tmp->numel; i++) {
                    int64_t off = elem_offset(a, ((int64_t *)offs->storage->data)[i]);
                    if (a->dtype == DT_INT64) ((int64_t *)a->storage->data)[off] = ((int64_t *)tmp->storage->data)[i];
                    else raw_set(a, off, raw_get(tmp, i));
                }
                a->storage->version++;
                a->version++;
                ok = true;
            }
            tdec(tmp);
            tdec(offs);
        }
    }
    tdec(src);
    return ok;
}

/* ---- conversions -------------------------------------------------------------------- */
static Value elem_value(const Tensor *t, int64_t i) {
    switch (t->dtype) {
    case DT_BOOL: return val_bool(tensor_get(t, i) != 0);
    case DT_INT64: return val_int(tensor_get_i64(t, i));
    default: return val_float(tensor_get(t, i));
    }
}

static Value tensor_item_value(Interp *I, Tensor *t) {
    if (t->numel != 1) {
        if (t->flavor == FLAVOR_TORCH)
            return err_raise(I, EXC_ValueError, "only one element tensors can be converted to Python scalars");
        return err_raise(I, EXC_ValueError, "can only convert an array of size 1 to a Python scalar");
    }
    return elem_value(t, 0);
}

static Value tensor_to_float(Interp *I, Value self) {
    Tensor *t = AS_TENSOR(self);
    if (t->numel != 1) {
        if (t->flavor == FLAVOR_TORCH) return err_raise(I, EXC_ValueError, "only one element tensors can be converted to Python scalars");
        return err_raise(I, EXC_TypeError, "only size-1 arrays can be converted to Python scalars");
    }
    return val_float(tensor_get(t, 0));
}
static Value tensor_to_int(Interp *I, Value self) {
    Tensor *t = AS_TENSOR(self);
    if (t->numel != 1) {
        if (t->flavor == FLAVOR_TORCH) return err_raise(I, EXC_ValueError, "only one element tensors can be converted to Python scalars");
        return err_raise(I, EXC_TypeError, "only size-1 arrays can be converted to Python scalars");
    }
    if (t->dtype == DT_INT64) return val_int(tensor_get_i64(t, 0));
    double x = tensor_get(t, 0);
    if (isnan(x)) return err_raise(I, EXC_ValueError, "cannot convert float NaN to integer");
    if (!isfinite(x) || fabs(x) >= 9.223372036854775808e18) return err_raise(I, EXC_OverflowError, "cannot convert float infinity to integer");
    return val_int((int64_t)x);
}
static int tensor_truth(Interp *I, Value self) {
    Tensor *t = AS_TENSOR(self);
    if (t->numel != 1) {
        if (t->numel == 0 && t->flavor != FLAVOR_TORCH) return 0;
        if (t->flavor == FLAVOR_TORCH)
            err_raise(I, EXC_RuntimeError, "Boolean value of Tensor with more than one value is ambiguous");
        else
            err_raise(I, EXC_ValueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
        err_hint(I, "to combine masks elementwise use `&`, `|` and `~` with parentheses, e.g. `(x > 0) & (x < 3)`, "
                    "not `and`, `or` and `not`; for one True/False use .any() or .all()");
        return -1;
    }
    return tensor_get(t, 0) != 0;
}
static int64_t tensor_len(Interp *I, Value self) {
    Tensor *t = AS_TENSOR(self);
    if (t->ndim == 0) {
        if (t->flavor == FLAVOR_TORCH) err_raise(I, EXC_TypeError, "len() of a 0-d tensor");
        else if (t->flavor == FLAVOR_NUMPY_SCALAR) err_raise(I, EXC_TypeError, "object of type 'numpy.%s' has no len()", dtype_numpy_name[t->dtype]);
        else err_raise(I, EXC_TypeError, "len() of unsized object");
        return -1;
    }
    return t->shape[0];
}

static Value tolist_rec(Interp *I, Tensor *t, int dim, int64_t *pos) {
    if (dim == t->ndim) { Value v = elem_value(t, *pos); (*pos)++; return v; }
    if (!kern_poll(I)) return VAL_ERR; /* Ctrl-C in x.tolist() of a huge tensor */
    List *l = list_new(I, t->shape[dim]);
    if (!l) return VAL_ERR;
    for (int64_t i = 0; i < t->shape[dim]; i++) {
        Value v = tolist_rec(I, t, dim + 1, pos);
        if (IS_ERR(v) || !list_append(I, l, v)) { val_decref(v); val_decref(val_obj(l)); return VAL_ERR; }
        val_decref(v);
    }
    return val_obj(l);
}

/* iteration over the first dim */
typedef struct { Obj h; Value t; int64_t i; } TensorIter;
static void titer_free(Obj *o) { val_decref(((TensorIter *)o)->t); obj_dealloc(o, sizeof(TensorIter)); }
static Value titer_next(Interp *I, Value self) {
    TensorIter *it = (TensorIter *)AS_OBJ(self);
    Tensor *t = AS_TENSOR(it->t);
    if (it->i >= t->shape[0]) return VAL_UNDEF;
    return tensor_getitem(I, it->t, val_int(it->i++));
}
static Value titer_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass titer_class = {.name = "iterator", .free = titer_free, .next = titer_next, .iter = titer_iter};
static Value tensor_iter(Interp *I, Value self) {
    Tensor *t = AS_TENSOR(self);
    if (t->ndim == 0) {
        if (t->flavor == FLAVOR_TORCH) return err_raise(I, EXC_TypeError, "iteration over a 0-d tensor");
        return err_raise(I, EXC_TypeError, "iteration over a 0-d array");
    }
    TensorIter *it = obj_new(I, &titer_class, sizeof(TensorIter));
    if (!it) return VAL_ERR;
    it->t = val_incref(self);
    it->i = 0;
    return val_obj(it);
}

static bool tensor_contains(Interp *I, Value self, Value item, bool *out) {
    Value r = tensor_binop(I, BIN_EQ, self, item);
    if (IS_ERR(r)) return false;
    if (IS_NOTIMPL(r)) { *out = false; return true; }
    Tensor *t = AS_TENSOR(r);
    *out = false;
    for (int64_t i = 0; i < t->numel; i++) if (tensor_get(t, i) != 0) { *out = true; break; }
    val_decref(r);
    return true;
}

/* ---- torch.Size ----------------------------------------------------------------------- */
typedef struct { Obj h; Tuple *t; } SizeObj;
static void size_free(Obj *o) { val_decref(val_obj(((SizeObj *)o)->t)); obj_dealloc(o, sizeof(SizeObj)); }
static bool size_repr(Interp *I, StrBuf *sb, Value self) {
    Tuple *t = ((SizeObj *)AS_OBJ(self))->t;
    sb_puts(sb, "torch.Size([");
    for (int64_t i = 0; i < t->len; i++) sb_printf(sb, "%s%lld", i ? ", " : "", (long long)t->items[i].as.i);
    sb_puts(sb, "])");
    return true;
}
static Value size_getitem(Interp *I, Value self, Value key) {
    Value r = val_getitem(I, val_obj(((SizeObj *)AS_OBJ(self))->t), key);
    if (IS_ERR(r) || !IS_A(key, slice_class) || !IS_A(r, tuple_class)) return r;
    SizeObj *s = obj_new(I, &size_class, sizeof(SizeObj)); /* x.shape[:2] is a torch.Size */
    if (!s) { val_decref(r); return VAL_ERR; }
    s->t = (Tuple *)AS_OBJ(r);
    return val_obj(s);
}
static const char *size_type_name(Value self) { (void)self; return "torch.Size"; }
static int64_t size_len(Interp *I, Value self) { return ((SizeObj *)AS_OBJ(self))->t->len; }
static Value size_iter(Interp *I, Value self) { return val_iter(I, val_obj(((SizeObj *)AS_OBJ(self))->t)); }
static Value size_as_tuple(Value v) { return IS_A(v, size_class) ? val_obj(((SizeObj *)AS_OBJ(v))->t) : v; }
Value tensor_size_tuple(Value v) { return size_as_tuple(v); }
static bool size_eq(Interp *I, Value a, Value b, bool *out) { return val_eq(I, size_as_tuple(a), size_as_tuple(b), out); }
static Value size_binop(Interp *I, BinOp op, Value a, Value b) {
    if (op == BIN_EQ || op == BIN_NE) {
        bool eq;
        if (!val_eq(I, size_as_tuple(a), size_as_tuple(b), &eq)) return VAL_ERR;
        return val_bool(op == BIN_EQ ? eq : !eq);
    }
    return val_binop(I, op, size_as_tuple(a), size_as_tuple(b));
}
static bool size_hash(Interp *I, Value self, uint64_t *out) { return val_hash(I, size_as_tuple(self), out); }
static bool size_contains(Interp *I, Value self, Value item, bool *out) { return val_contains(I, size_as_tuple(self), item, out); }
static Value size_numel(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Tuple *t = ((SizeObj *)AS_OBJ(argv[0]))->t;
    int64_t n = 1;
    for (int64_t i = 0; i < t->len; i++) n *= t->items[i].as.i;
    return val_int(n);
}
static const MethodDef size_methods[] = {
    {"numel", size_numel, "numel()", "Number of elements a tensor of this size holds."},
    {NULL, NULL, NULL, NULL},
};
const ObjClass size_class = {
    .name = "Size", .type_name = size_type_name, .free = size_free, .repr = size_repr, .getitem = size_getitem, .len = size_len,
    .iter = size_iter, .eq = size_eq, .binop = size_binop, .hash = size_hash, .contains = size_contains,
    .methods = size_methods,
};
static Value shape_value(Interp *I, Tensor *t) {
    Tuple *tp = tuple_new(I, t->ndim);
    if (!tp) return VAL_ERR;
    for (int d = 0; d < t->ndim; d++) tp->items[d] = val_int(t->shape[d]);
    if (t->flavor != FLAVOR_TORCH) return val_obj(tp);
    SizeObj *s = obj_new(I, &size_class, sizeof(SizeObj));
    if (!s) { val_decref(val_obj(tp)); return VAL_ERR; }
    s->t = tp;
    return val_obj(s);
}

/* torch.Size(iterable) */
Value tensor_size_new(Interp *I, Value seq) {
    Tuple *tp = tuple_from_iter(I, seq);
    if (!tp) return VAL_ERR;
    for (int64_t i = 0; i < tp->len; i++)
        if (!IS_INT(tp->items[i])) {
            Value r = err_raise(I, EXC_TypeError, "torch.Size() takes an iterable of 'int' (item %lld is '%s')", (long long)i, val_type_name(tp->items[i]));
            val_decref(val_obj(tp));
            return r;
        }
    SizeObj *s = obj_new(I, &size_class, sizeof(SizeObj));
    if (!s) { val_decref(val_obj(tp)); return VAL_ERR; }
    s->t = tp;
    return val_obj(s);
}

/* ---- torch.return_types.max / min ------------------------------------------------------ */
typedef struct { Obj h; const char *name; Value values, indices; } MaxMin;
static void maxmin_free(Obj *o) {
    MaxMin *m = (MaxMin *)o;
    val_decref(m->values);
    val_decref(m->indices);
    obj_dealloc(o, sizeof(MaxMin));
}
static bool maxmin_repr(Interp *I, StrBuf *sb, Value self) {
    MaxMin *m = (MaxMin *)AS_OBJ(self);
    sb_printf(sb, "torch.return_types.%s(\nvalues=", m->name);
    if (!val_repr(I, sb, m->values)) return false;
    sb_puts(sb, ",\nindices=");
    if (!val_repr(I, sb, m->indices)) return false;
    sb_puts(sb, ")");
    return true;
}
static Value maxmin_getattr(Interp *I, Value self, Str *name) {
    MaxMin *m = (MaxMin *)AS_OBJ(self);
    if (!strcmp(str_cstr(name), "values")) return val_incref(m->values);
    if (!strcmp(str_cstr(name), "indices")) return val_incref(m->indices);
    return VAL_UNDEF;
}
static Value maxmin_getitem(Interp *I, Value self, Value key) {
    MaxMin *m = (MaxMin *)AS_OBJ(self);
    if (!IS_INT(key)) return err_raise(I, EXC_TypeError, "tuple indices must be integers or slices, not %s", val_type_name(key));
    int64_t i = key.as.i < 0 ? key.as.i + 2 : key.as.i;
    if (i == 0) return val_incref(m->values);
    if (i == 1) return val_incref(m->indices);
    return err_raise(I, EXC_IndexError, "tuple index out of range");
}
static int64_t maxmin_len(Interp *I, Value self) { return 2; }
static Value maxmin_iter(Interp *I, Value self) {
    MaxMin *m = (MaxMin *)AS_OBJ(self);
    Value t = val_tuple2(I, m->values, m->indices);
    if (IS_ERR(t)) return t;
    Value it = val_iter(I, t);
    val_decref(t);
    return it;
}
const ObjClass maxmin_result_class = {
    .name = "torch.return_types.max", .free = maxmin_free, .repr = maxmin_repr, .getattr = maxmin_getattr,
    .getitem = maxmin_getitem, .len = maxmin_len, .iter = maxmin_iter,
};
static Value maxmin_new(Interp *I, bool is_max, Tensor *v, Tensor *ix) { return tensor_named_pair(I, is_max ? "max" : "min", v, ix); }
Value tensor_named_pair(Interp *I, const char *name, Tensor *v, Tensor *ix) {
    MaxMin *m = obj_new(I, &maxmin_result_class, sizeof(MaxMin));
    if (!m) { tdec(v); tdec(ix); return VAL_ERR; }
    m->name = name;
    m->values = val_obj(v);
    m->indices = val_obj(ix);
    return val_obj(m);
}

/* ---- attributes ---------------------------------------------------------------------- */
static Value grad_value(Tensor *t) { return t->grad ? val_incref(val_obj(t->grad)) : VAL_NONE; }

Value tensor_getattr(Interp *I, Value self, Str *name) {
    Tensor *t = AS_TENSOR(self);
    const char *n = str_cstr(name);
    /* every method call on a tensor asks here first: compare lengths, then a constant-size
     * memcmp (inlined) */
#define IS(lit) (name->len == sizeof(lit) - 1 && !memcmp(n, lit, sizeof(lit) - 1))
    bool torch = t->flavor == FLAVOR_TORCH;
    if (IS("shape")) return shape_value(I, t);
    if (IS("dtype")) return dtype_value(I, t->dtype, torch ? 0 : 1);
    if (IS("ndim")) return val_int(t->ndim);
    if (IS("T")) {
        int perm[TENSOR_MAX_DIMS];
        for (int d = 0; d < t->ndim; d++) perm[d] = t->ndim - 1 - d;
        Tensor *o = tensor_permute_op(I, OP_PERMUTE, t, perm);
        if (o && !torch && o->ndim == 0) o->flavor = t->flavor;
        return tensor_value(o);
    }
    if (!torch) {
        if (IS("size")) return val_int(t->numel);
        if (IS("itemsize")) return val_int((int64_t)dtype_size[t->dtype]);
        if (IS("nbytes")) return val_int(t->numel * (int64_t)dtype_size[t->dtype]);
        return VAL_UNDEF;
    }
    if (IS("grad")) { if (!t->grad) teach_grad_none(I, t); return grad_value(t); }
    if (IS("requires_grad")) return val_bool(t->requires_grad);
    if (IS("is_leaf")) return val_bool(t->grad_fn == NULL);
    if (IS("grad_fn")) return t->grad_fn ? tape_gradfn_value(I, t->grad_fn) : VAL_NONE;
    if (IS("data")) return tensor_value(tensor_detach(I, t));
    if (IS("device")) return val_str(I, "cpu", 3);
    if (IS("is_cuda")) return val_bool(false);
    if (IS("_version")) return val_int(t->storage->version);
    return VAL_UNDEF;
#undef IS
}

/* Does the graph of root own t (as a leaf input, a constant input or a saved value)? Used
 * before storing a tensor that has a grad_fn as t.grad. Depth-first with an explicit stack; past a few thousand records it
 * answers yes, which only costs the stored grad its grad_fn. */
static bool grad_graph_reaches(TapeNode *root, const Tensor *t) {
    enum { MAXN = 4096 };
    TapeNode *stack[MAXN], *seen[MAXN];
    int sp = 0, nseen = 0;
    stack[sp++] = root;
    while (sp > 0) {
        TapeNode *x = stack[--sp];
        bool dup = false;
        for (int i = 0; i < nseen && !dup; i++) dup = seen[i] == x;
        if (dup) continue;
        if (nseen == MAXN) return true;
        seen[nseen++] = x;
        for (int k = 0; k < TAPE_MAX_SAVED; k++)
            if (x->saved[k] == t) return true;
        for (int k = 0; k < x->nin && k < TAPE_MAX_IN; k++) {
            if (x->leaf[k] == t || x->const_in[k] == t) return true;
            if (x->next[k]) {
                if (sp == MAXN) return true;
                stack[sp++] = x->next[k];
            }
        }
    }
    return false;
}

static bool set_requires_grad(Interp *I, Tensor *t, bool on) {
    if (on && !dtype_is_float(t->dtype)) {
        err_raise(I, EXC_RuntimeError, "only Tensors of floating point and complex dtype can require gradients");
        err_hint(I, "create the tensor with a float dtype, e.g. torch.tensor([1., 2.]) or dtype=torch.float32");
        return false;
    }
    if (!on && t->grad_fn) {
        err_raise(I, EXC_RuntimeError, "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        return false;
    }
    t->requires_grad = on;
    return true;
}

static bool tensor_setattr(Interp *I, Value self, Str *name, Value v) {
    Tensor *t = AS_TENSOR(self);
    const char *n = str_cstr(name);
    if (t->flavor != FLAVOR_TORCH) {
        err_raise(I, EXC_AttributeError, "'numpy.ndarray' object attribute '%s' is read-only", n);
        return false;
    }
    if (!strcmp(n, "grad")) {
        if (IS_NONE(v)) { tdec(t->grad); t->grad = NULL; return true; }
        if (!IS_TENSOR(v)) { err_raise(I, EXC_TypeError, "assigned grad expected to be a Tensor or None but got grad of type %s", val_type_name(v)); return false; }
        Tensor *g = AS_TENSOR(v);
        if (!tensor_same_shape(g, t)) {
            err_raise(I, EXC_RuntimeError, "assigned grad has data of a different size");
            return false;
        }
        if (g->grad_fn && grad_graph_reaches(g->grad_fn, t)) {
            /* t would own a graph that owns t: a cycle reference counts never free. Keep the
             * values without the graph (torch would show grad_fn=<...> on it). */
            g = tensor_detach(I, g);
            if (!g) return false;
        } else {
            tinc(g);
        }
        tdec(t->grad);
        t->grad = g;
        return true;
    }
    if (!strcmp(n, "requires_grad")) {
        int b = val_truth(I, v);
        if (b < 0) return false;
        return set_requires_grad(I, t, b);
    }
    if (!strcmp(n, "data")) {
        if (!IS_TENSOR(v)) { err_raise(I, EXC_TypeError, "data must be a Tensor"); return false; }
        Tensor *s = AS_TENSOR(v);
        s->storage->rc++;
        storage_decref(t->storage);
        t->storage = s->storage;
        t->dtype = s->dtype;
        t->ndim = s->ndim;
        memcpy(t->shape, s->shape, sizeof t->shape);
        memcpy(t->stride, s->stride, sizeof t->stride);
        t->offset = s->offset;
        t->numel = s->numel;
        return true;
    }
    err_raise(I, EXC_AttributeError, "'Tensor' object has no attribute '%s'", n);
    return false;
}

/* ---- methods ---------------------------------------------------------------------------- */
#define SELF AS_TENSOR(argv[0])
#define ARGS(fname, N, REQ, ...)                                                      \
    static const char *const names_[] = {__VA_ARGS__};                                \
    Value a[N];                                                                        \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, N, names_, REQ, a)) return VAL_ERR

static bool get_dim(Interp *I, Tensor *t, Value v, int *dim) {
    int64_t d;
    if (!val_as_index(I, v, &d)) return false;
    int nd = t->ndim ? t->ndim : 1;
    if (d < -nd || d >= nd) {
        if (t->flavor == FLAVOR_TORCH)
            err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got %lld)", -nd, nd - 1, (long long)d);
        else
            exc_raise_axis(I, d, t->ndim);
        return false;
    }
    *dim = (int)(d < 0 ? d + nd : d);
    return true;
}

/* shape arguments: f(2, 3), f((2, 3)), f([2, 3]) */
static bool shape_args(Interp *I, int argc, const Value *argv, int *ndim, int64_t *shape) {
    const Value *items = argv;
    int64_t n = argc;
    if (argc == 1 && (IS_A(argv[0], list_class) || IS_A(argv[0], tuple_class) || IS_A(argv[0], size_class))) {
        Value s = size_as_tuple(argv[0]);
        items = IS_A(s, list_class) ? ((List *)AS_OBJ(s))->items : ((Tuple *)AS_OBJ(s))->items;
        n = seq_len(s);
    }
    if (n > TENSOR_MAX_DIMS) { err_raise(I, EXC_ValueError, "too many dimensions (at most %d)", TENSOR_MAX_DIMS); return false; }
    for (int64_t i = 0; i < n; i++) {
        if (IS_TENSOR(items[i]) && AS_TENSOR(items[i])->numel == 1 && AS_TENSOR(items[i])->dtype == DT_INT64) { shape[i] = tensor_get_i64(AS_TENSOR(items[i]), 0); continue; }
        if (!val_as_index(I, items[i], &shape[i])) return false;
    }
    *ndim = (int)n;
    return true;
}

static Value m_item(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("item", 1, 0, "_");
    return tensor_item_value(I, SELF);
}
static Value m_tolist(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("tolist", 1, 0, "_");
    int64_t pos = 0;
    return tolist_rec(I, SELF, 0, &pos);
}
static Value m_size(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("size", 1, 0, "dim");
    Tensor *t = SELF;
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) return shape_value(I, t);
    int d;
    if (!get_dim(I, t, a[0], &d)) return VAL_ERR;
    return val_int(t->ndim ? t->shape[d] : 1);
}
static Value m_numel(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("numel", 1, 0, "_");
    return val_int(SELF->numel);
}
static Value m_dim(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("dim", 1, 0, "_");
    return val_int(SELF->ndim);
}
static Value m_backward(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("backward", 3, 0, "gradient", "retain_graph", "create_graph");
    Tensor *g = NULL;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "gradient must be a Tensor or None");
        g = AS_TENSOR(a[0]);
    }
    bool retain = false;
    if (!IS_UNDEF(a[1]) && !IS_NONE(a[1])) { int b = val_truth(I, a[1]); if (b < 0) return VAL_ERR; retain = b; }
    if (!tape_backward(I, SELF, g, retain)) return VAL_ERR;
    return VAL_NONE;
}
static Value m_detach(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("detach", 1, 0, "_");
    return tensor_value(tensor_detach(I, SELF));
}
static Value m_clone(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("clone", 1, 0, "_");
    return tensor_result(I, tensor_clone_op(I, SELF));
}
static Value m_requires_grad_(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("requires_grad_", 1, 0, "requires_grad");
    bool on = true;
    if (!IS_UNDEF(a[0])) { int b = val_truth(I, a[0]); if (b < 0) return VAL_ERR; on = b; }
    if (on && !dtype_is_float(SELF->dtype)) { /* torch words this one differently from the setter */
        err_raise(I, EXC_RuntimeError, "only Tensors of floating point dtype can require gradients");
        err_hint(I, "convert first, e.g. x = x.float().requires_grad_()");
        return VAL_ERR;
    }
    if (!set_requires_grad(I, SELF, on)) return VAL_ERR;
    return val_incref(argv[0]);
}
static Value m_zero_(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("zero_", 1, 0, "_");
    Tensor *t = SELF;
    if (!check_inplace_leaf(I, t)) return VAL_ERR;
    for (int64_t i = 0; i < t->numel; i++) tensor_set(t, i, 0);
    t->storage->version++;
    t->version++;
    return val_incref(argv[0]);
}
static Value m_fill_(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fill_", 1, 1, "value");
    Tensor *t = SELF;
    if (!check_inplace_leaf(I, t)) return VAL_ERR;
    Tensor *s = IS_TENSOR(a[0]) ? tinc(AS_TENSOR(a[0])) : tensor_from_value(I, a[0], t->dtype, t->flavor);
    if (!s) return VAL_ERR;
    bool ok = write_into(I, t, s, false);
    tdec(s);
    return ok ? val_incref(argv[0]) : VAL_ERR;
}
static Value inplace(Interp *I, BinOp op, int argc, const Value *argv, const KwArgs *kw, const char *fname) {
    ARGS(fname, 2, 1, "other", "alpha");
    Value other = a[0], scaled = VAL_UNDEF;
    if (!IS_UNDEF(a[1]) && (op == BIN_ADD || op == BIN_SUB)) { /* x.add_(y, alpha=a): x += y * a */
        if (!IS_NUM(a[1])) return err_raise(I, EXC_TypeError, "%s(): argument 'alpha' must be Number, not %s", fname, val_type_name(a[1]));
        scaled = IS_TENSOR(other) ? tensor_binop(I, BIN_MUL, other, a[1]) : val_binop(I, BIN_MUL, other, a[1]);
        if (IS_ERR(scaled)) return scaled;
        other = scaled;
    } else if (!IS_UNDEF(a[1])) return err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument 'alpha'", fname);
    Value r = tensor_ibinop(I, op, argv[0], other);
    if (!IS_UNDEF(scaled)) val_decref(scaled);
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_RuntimeError, "in-place %s on a tensor that is part of a recorded graph is not supported in ag", fname);
    return r;
}
static Value m_add_(Interp *I, int c, const Value *v, const KwArgs *k) { return inplace(I, BIN_ADD, c, v, k, "add_"); }
static Value m_sub_(Interp *I, int c, const Value *v, const KwArgs *k) { return inplace(I, BIN_SUB, c, v, k, "sub_"); }
static Value m_mul_(Interp *I, int c, const Value *v, const KwArgs *k) { return inplace(I, BIN_MUL, c, v, k, "mul_"); }
static Value m_div_(Interp *I, int c, const Value *v, const KwArgs *k) { return inplace(I, BIN_TRUEDIV, c, v, k, "div_"); }

/* out-of-place method forms: x.add(y, alpha=1), x.eq(y), ... (same records as the operators) */
static Value binmethod(Interp *I, BinOp op, int argc, const Value *argv, const KwArgs *kw, const char *fname) {
    ARGS(fname, 2, 1, "other", "alpha");
    Value other = a[0], scaled = VAL_UNDEF;
    if (!IS_UNDEF(a[1]) && (op == BIN_ADD || op == BIN_SUB)) {
        if (!IS_NUM(a[1])) return err_raise(I, EXC_TypeError, "%s(): argument 'alpha' must be Number, not %s", fname, val_type_name(a[1]));
        if (IS_TENSOR(other)) scaled = tensor_binop(I, BIN_MUL, other, a[1]);
        else if (IS_NUM(other)) {
            double x = IS_FLOAT(other) ? other.as.f : IS_INT(other) ? (double)other.as.i : other.as.b;
            double y = IS_FLOAT(a[1]) ? a[1].as.f : IS_INT(a[1]) ? (double)a[1].as.i : a[1].as.b;
            scaled = (IS_FLOAT(other) || IS_FLOAT(a[1])) ? val_float(x * y) : val_int((int64_t)(x * y));
        } else return err_raise(I, EXC_TypeError, "%s(): argument 'other' must be Tensor or Number, not %s", fname, val_type_name(other));
        if (IS_ERR(scaled)) return scaled;
        if (IS_NOTIMPL(scaled)) return err_raise(I, EXC_TypeError, "%s(): bad alpha", fname);
        other = scaled;
    }
    Value r = tensor_binop(I, op, argv[0], other);
    if (!IS_UNDEF(scaled)) val_decref(scaled);
    if (IS_NOTIMPL(r)) return err_raise(I, EXC_TypeError, "%s(): argument 'other' (position 1) must be Tensor or Number, not %s", fname, val_type_name(a[0]));
    return r;
}
#define BINMETHOD(fn, OPB, nm) \
    static Value fn(Interp *I, int c, const Value *v, const KwArgs *k) { return binmethod(I, OPB, c, v, k, nm); }
BINMETHOD(m_add, BIN_ADD, "add")
BINMETHOD(m_sub, BIN_SUB, "sub")
BINMETHOD(m_mul, BIN_MUL, "mul")
BINMETHOD(m_eq, BIN_EQ, "eq")
BINMETHOD(m_ne, BIN_NE, "ne")
BINMETHOD(m_lt, BIN_LT, "lt")
BINMETHOD(m_le, BIN_LE, "le")
BINMETHOD(m_gt, BIN_GT, "gt")
BINMETHOD(m_ge, BIN_GE, "ge")
static Value m_equal(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("equal", 1, 1, "other");
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "equal(): argument 'other' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    Tensor *x = SELF, *y = AS_TENSOR(a[0]);
    if (!tensor_same_shape(x, y)) return val_bool(false);
    for (int64_t i = 0; i < x->numel; i++)
        if (tensor_get(x, i) != tensor_get(y, i)) return val_bool(false);
    return val_bool(true);
}
static Value m_copy_(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("copy_", 1, 1, "src");
    Tensor *t = SELF;
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "copy_(): argument 'src' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    if (!check_inplace_leaf(I, t)) return VAL_ERR;
    if (!write_into(I, t, AS_TENSOR(a[0]), false)) return VAL_ERR;
    return val_incref(argv[0]);
}

static Value m_reshape_common(Interp *I, int argc, const Value *argv, const KwArgs *kw, OpKind op) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", op == OP_VIEW ? "view" : "reshape");
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!shape_args(I, argc - 1, argv + 1, &nd, shape)) return VAL_ERR;
    return tensor_result(I, tensor_reshape_op(I, op, SELF, nd, shape));
}
static Value m_reshape(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_reshape_common(I, argc, argv, kw, OP_RESHAPE); }
static Value m_view(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc == 2 && (IS_A(argv[1], dtype_class))) return err_raise(I, EXC_TypeError, "view(dtype) is not supported in ag");
    if (argc == 1 && !(kw && kw->n) && is_np(SELF)) { /* NumPy's a.view(): a new array over the same data */
        Tensor *t = SELF;
        return tensor_result(I, tensor_reshape_op(I, OP_VIEW, t, t->ndim, t->shape));
    }
    return m_reshape_common(I, argc, argv, kw, OP_VIEW);
}
/* NumPy's a.flatten(order='C'): always a copy; 'F' reads the elements column-major. */
static Value np_flatten(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("flatten", 1, 0, "order");
    Tensor *t = SELF, *src = t;
    if (!IS_UNDEF(a[0])) {
        const char *o = IS_A(a[0], str_class) ? str_cstr((Str *)AS_OBJ(a[0])) : "";
        if (strcmp(o, "C") && strcmp(o, "F") && strcmp(o, "A") && strcmp(o, "K"))
            return err_raise(I, EXC_ValueError, "order must be one of 'C', 'F', 'A', or 'K' (got '%s')", o);
        if (!strcmp(o, "F") && t->ndim > 1) {
            int perm[TENSOR_MAX_DIMS];
            for (int d = 0; d < t->ndim; d++) perm[d] = t->ndim - 1 - d;
            src = tensor_permute_op(I, OP_PERMUTE, t, perm);
            if (!src) return VAL_ERR;
        }
    }
    int64_t n = t->numel;
    Tensor *c = tensor_copy(I, src, t->dtype);
    if (src != t) tdec(src);
    if (!c) return VAL_ERR;
    c->ndim = 1; c->shape[0] = n; c->stride[0] = 1;
    c->flavor = FLAVOR_NUMPY;
    return tensor_value(c);
}
static Value m_flatten(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (is_np(SELF)) return np_flatten(I, argc, argv, kw);
    ARGS("flatten", 2, 0, "start_dim", "end_dim");
    Tensor *t = SELF;
    int sd = 0, ed = t->ndim ? t->ndim - 1 : 0;
    if (!IS_UNDEF(a[0]) && !get_dim(I, t, a[0], &sd)) return VAL_ERR;
    if (!IS_UNDEF(a[1]) && !get_dim(I, t, a[1], &ed)) return VAL_ERR;
    if (t->ndim == 0) { int64_t one = 1; return tensor_value(tensor_reshape_op(I, OP_RESHAPE, t, 1, &one)); }
    if (sd > ed) return err_raise(I, EXC_RuntimeError, "flatten() has invalid args: start_dim cannot come after end_dim");
    if (sd == ed) return val_incref(argv[0]);
    int64_t shape[TENSOR_MAX_DIMS];
    int nd = 0;
    for (int d = 0; d < sd; d++) shape[nd++] = t->shape[d];
    int64_t p = 1;
    for (int d = sd; d <= ed; d++) p *= t->shape[d];
    shape[nd++] = p;
    for (int d = ed + 1; d < t->ndim; d++) shape[nd++] = t->shape[d];
    return tensor_value(tensor_reshape_op(I, OP_RESHAPE, t, nd, shape));
}
static Value m_squeeze(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("squeeze", 1, 0, "dim");
    int d = -1;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0]) && !get_dim(I, SELF, a[0], &d)) return VAL_ERR;
    if (SELF->ndim == 0) d = -1;
    return tensor_result(I, tensor_squeeze_op(I, SELF, d));
}
static Value m_unsqueeze(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("unsqueeze", 1, 1, "dim");
    Tensor *t = SELF;
    int64_t d;
    if (!val_as_index(I, a[0], &d)) return VAL_ERR;
    int nd = t->ndim + 1;
    if (d < -nd || d >= nd)
        return err_raise(I, EXC_IndexError, "Dimension out of range (expected to be in range of [%d, %d], but got %lld)", -nd, nd - 1, (long long)d);
    if (d < 0) d += nd;
    return tensor_value(tensor_unsqueeze_op(I, t, (int)d));
}
static Value m_transpose(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Tensor *t = SELF;
    if (t->flavor != FLAVOR_TORCH) {
        int perm[TENSOR_MAX_DIMS];
        if (argc == 1) { for (int d = 0; d < t->ndim; d++) perm[d] = t->ndim - 1 - d; }
        else {
            int nd;
            int64_t ax[TENSOR_MAX_DIMS];
            if (!shape_args(I, argc - 1, argv + 1, &nd, ax)) return VAL_ERR;
            if (nd != t->ndim) return err_raise(I, EXC_ValueError, "axes don't match array");
            bool seen[TENSOR_MAX_DIMS] = {0};
            for (int d = 0; d < nd; d++) {
                if (ax[d] < -nd || ax[d] >= nd) return exc_raise_axis(I, ax[d], nd);
                perm[d] = (int)(ax[d] < 0 ? ax[d] + nd : ax[d]);
                if (seen[perm[d]]) return err_raise(I, EXC_ValueError, "repeated axis in transpose");
                seen[perm[d]] = true;
            }
        }
        return tensor_result(I, tensor_permute_op(I, OP_PERMUTE, t, perm));
    }
    ARGS("transpose", 2, 2, "dim0", "dim1");
    int d0, d1;
    if (!get_dim(I, t, a[0], &d0) || !get_dim(I, t, a[1], &d1)) return VAL_ERR;
    int perm[TENSOR_MAX_DIMS];
    for (int d = 0; d < t->ndim; d++) perm[d] = d;
    if (t->ndim) { perm[d0] = d1; perm[d1] = d0; }
    return tensor_value(tensor_permute_op(I, OP_TRANSPOSE, t, perm));
}
static Value m_t(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("t", 1, 0, "_");
    Tensor *t = SELF;
    if (t->ndim > 2) return err_raise(I, EXC_RuntimeError, "t() expects a tensor with <= 2 dimensions, but self is %dD", t->ndim);
    int perm[2] = {t->ndim == 2 ? 1 : 0, 0};
    return tensor_value(tensor_permute_op(I, OP_T, t, perm));
}
static Value m_permute(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Tensor *t = SELF;
    int nd;
    int64_t ax[TENSOR_MAX_DIMS];
    if (!shape_args(I, argc - 1, argv + 1, &nd, ax)) return VAL_ERR;
    if (nd != t->ndim) return err_raise(I, EXC_RuntimeError, "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = %d is not equal to len(dims) = %d", t->ndim, nd);
    int perm[TENSOR_MAX_DIMS];
    bool seen[TENSOR_MAX_DIMS] = {0};
    for (int d = 0; d < nd; d++) {
        int64_t x = ax[d] < 0 ? ax[d] + nd : ax[d];
        if (x < 0 || x >= nd || seen[x]) return err_raise(I, EXC_RuntimeError, "permute(): duplicate dims are not allowed.");
        seen[x] = true;
        perm[d] = (int)x;
    }
    return tensor_value(tensor_permute_op(I, OP_PERMUTE, t, perm));
}
static Value m_expand(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    int nd;
    int64_t shape[TENSOR_MAX_DIMS];
    if (!shape_args(I, argc - 1, argv + 1, &nd, shape)) return VAL_ERR;
    if (nd < SELF->ndim) return err_raise(I, EXC_RuntimeError, "expand(torch.FloatTensor{...}, size=[...]): the number of sizes provided (%d) must be greater or equal to the number of dimensions in the tensor (%d)", nd, SELF->ndim);
    return tensor_value(tensor_expand_op(I, SELF, nd, shape));
}

/* dim/axis argument helper for reductions: V_UNDEF/None → all */
static bool red_dim(Interp *I, Tensor *t, Value d, Value axis, int *dim) {
    Value v = !IS_UNDEF(d) ? d : axis;
    if (IS_UNDEF(v) || IS_NONE(v)) { *dim = -1; return true; }
    return get_dim(I, t, v, dim);
}
static bool truthy(Interp *I, Value v, bool *out) {
    if (IS_UNDEF(v) || IS_NONE(v)) { *out = false; return true; }
    int b = val_truth(I, v);
    if (b < 0) return false;
    *out = b;
    return true;
}
static Value sum_mean(Interp *I, Tensor *t, bool mean, Value vdim, Value vaxis, Value vkeep, Value vdtype) {
    int dim;
    bool keep;
    int dt;
    Value dv = !IS_UNDEF(vdim) ? vdim : vaxis;
    uint32_t tmask = 0;
    if (IS_A(dv, tuple_class) || IS_A(dv, list_class)) { /* sum(dim=(0, 2)) */
        int64_t n = seq_len(dv);
        for (int64_t i = 0; i < n; i++) {
            int d;
            if (!get_dim(I, t, seq_item(dv, i), &d)) return VAL_ERR;
            if (tmask & (1u << d))
                return t->flavor == FLAVOR_TORCH ? err_raise(I, EXC_RuntimeError, "dim %d appears multiple times in the list of dims", d)
                                                 : err_raise(I, EXC_ValueError, "duplicate value in 'axis'");
            tmask |= 1u << d;
        }
        dv = VAL_NONE;
        vdim = VAL_UNDEF;
        vaxis = n ? val_int(0) : VAL_NONE;
    }
    if (!red_dim(I, t, vdim, vaxis, &dim) || !truthy(I, vkeep, &keep) || !arg_dtype(I, vdtype, &dt)) return VAL_ERR;
    OpKind op = dim < 0 ? (mean ? OP_MEAN : OP_SUM) : (mean ? OP_MEANDIM : OP_SUMDIM);
    uint32_t mask = tmask ? tmask : dim < 0 ? 0xFFFFFFFFu : (1u << dim);
    Tensor *src = t, *cast = NULL;
    if (dt >= 0 && dt != (int)t->dtype) { cast = cast_op(I, t, (DType)dt); if (!cast) return VAL_ERR; src = cast; }
    if (dim < 0 && keep && t->ndim) {
        Tensor *r = reduce_core(I, mean ? OP_MEANDIM : OP_SUMDIM, src, (1u << t->ndim) - 1, true, -1);
        tdec(cast);
        return tensor_result(I, r);
    }
    Tensor *r = reduce_core(I, op, src, mask, keep, -1);
    tdec(cast);
    return tensor_result(I, r);
}
static Value m_sum(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("sum", 5, 0, "dim", "keepdim", "dtype", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[4]; /* numpy spelling */
    return sum_mean(I, SELF, false, a[0], a[3], a[1], a[2]);
}
static Value m_mean(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("mean", 5, 0, "dim", "keepdim", "dtype", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[4];
    return sum_mean(I, SELF, true, a[0], a[3], a[1], a[2]);
}
static Value maxmin(Interp *I, Tensor *t, bool is_max, Value vdim, Value vaxis, Value vkeep) {
    int dim;
    bool keep;
    Value dv = !IS_UNDEF(vdim) ? vdim : vaxis;
    if (t->flavor != FLAVOR_TORCH && (IS_A(dv, tuple_class) || IS_A(dv, list_class))) {
        /* NumPy's axis=(0, 2): max/min are exact, so one axis at a time (highest first keeps
         * the lower axis numbers valid) gives NumPy's values. */
        uint32_t mask = 0;
        for (int64_t i = 0; i < seq_len(dv); i++) {
            int d;
            if (!get_dim(I, t, seq_item(dv, i), &d)) return VAL_ERR;
            if (mask & (1u << d)) return err_raise(I, EXC_ValueError, "duplicate value in 'axis'");
            mask |= 1u << d;
        }
        if (!truthy(I, vkeep, &keep)) return VAL_ERR;
        if (t->numel == 0) return err_raise(I, EXC_ValueError, "zero-size array to reduction operation %s which has no identity", is_max ? "maximum" : "minimum");
        Tensor *cur = tinc(t);
        for (int d = t->ndim - 1; d >= 0; d--) {
            if (!(mask & (1u << d))) continue;
            Tensor *next = tensor_maxmin_op(I, cur, d, keep, is_max, NULL);
            tdec(cur);
            if (!next) return VAL_ERR;
            cur = next;
        }
        return tensor_result(I, cur);
    }
    if (!red_dim(I, t, vdim, vaxis, &dim) || !truthy(I, vkeep, &keep)) return VAL_ERR;
    if (t->ndim == 0 && dim >= 0) dim = -1;
    if (dim < 0 || t->flavor != FLAVOR_TORCH) {
        if (t->flavor != FLAVOR_TORCH && t->numel == 0)
            return err_raise(I, EXC_ValueError, "zero-size array to reduction operation %s which has no identity", is_max ? "maximum" : "minimum");
        Tensor *v = tensor_maxmin_op(I, t, dim, keep, is_max, NULL);
        return tensor_result(I, v);
    }
    Tensor *ix = NULL;
    Tensor *v = tensor_maxmin_op(I, t, dim, keep, is_max, &ix);
    if (!v) return VAL_ERR;
    return maxmin_new(I, is_max, v, ix);
}
static Value m_max(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc == 2 && IS_TENSOR(argv[1])) return tensor_result(I, tensor_binary(I, OP_MAXIMUM, SELF, AS_TENSOR(argv[1])));
    ARGS("max", 4, 0, "dim", "keepdim", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[3];
    return maxmin(I, SELF, true, a[0], a[2], a[1]);
}
static Value m_min(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc == 2 && IS_TENSOR(argv[1])) return tensor_result(I, tensor_binary(I, OP_MINIMUM, SELF, AS_TENSOR(argv[1])));
    ARGS("min", 4, 0, "dim", "keepdim", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[3];
    return maxmin(I, SELF, false, a[0], a[2], a[1]);
}
static Value argmaxmin(Interp *I, Tensor *t, bool is_max, Value vdim, Value vaxis, Value vkeep) {
    int dim;
    bool keep;
    if (!red_dim(I, t, vdim, vaxis, &dim) || !truthy(I, vkeep, &keep)) return VAL_ERR;
    if (t->numel == 0) {
        if (t->flavor == FLAVOR_TORCH) return err_raise(I, EXC_RuntimeError, "%s(): Expected reduction dim to be specified for input.numel() == 0.", is_max ? "argmax" : "argmin");
        return err_raise(I, EXC_ValueError, "attempt to get %s of an empty sequence", is_max ? "argmax" : "argmin");
    }
    Tensor *ix = NULL;
    if (dim < 0) {
        Tensor *flat = tensor_copy(I, t, t->dtype);
        if (!flat) return VAL_ERR;
        flat->ndim = 1; flat->shape[0] = t->numel; flat->stride[0] = 1;
        bool ok = kern_maxmin(I, flat, 0, false, is_max, NULL, &ix);
        tdec(flat);
        if (!ok) return VAL_ERR;
        if (keep && t->ndim) {
            ix->ndim = t->ndim;
            for (int d = 0; d < t->ndim; d++) { ix->shape[d] = 1; ix->stride[d] = 1; }
        }
    } else if (!kern_maxmin(I, t, dim, keep, is_max, NULL, &ix)) return VAL_ERR;
    ix->flavor = t->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : t->flavor;
    return tensor_result(I, ix);
}
static Value softmax_method(Interp *I, const char *fname, bool log_, int argc, const Value *argv, const KwArgs *kw) {
    ARGS(fname, 2, 0, "dim", "dtype");
    if (IS_UNDEF(a[0]) || IS_NONE(a[0]))
        return err_raise(I, EXC_TypeError, "%s() received an invalid combination of arguments - got (), but expected one of:\n"
                         " * (int dim, torch.dtype dtype)\n * (name dim, *, torch.dtype dtype)\n", fname);
    int dim, dt;
    if (!get_dim(I, SELF, a[0], &dim) || !arg_dtype(I, a[1], &dt)) return VAL_ERR;
    Tensor *src = SELF, *cast = NULL;
    if (dt >= 0 && dt != (int)SELF->dtype) { cast = cast_op(I, SELF, (DType)dt); if (!cast) return VAL_ERR; src = cast; }
    Tensor *r = tensor_softmax_op(I, src, dim, log_);
    tdec(cast);
    return tensor_result(I, r);
}
static Value m_softmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return softmax_method(I, "softmax", false, argc, argv, kw); }
static Value m_log_softmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return softmax_method(I, "log_softmax", true, argc, argv, kw); }
static Value m_argmax(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("argmax", 4, 0, "dim", "keepdim", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[3];
    return argmaxmin(I, SELF, true, a[0], a[2], a[1]);
}
static Value m_argmin(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("argmin", 4, 0, "dim", "keepdim", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[3];
    return argmaxmin(I, SELF, false, a[0], a[2], a[1]);
}

#define UNARY_METHOD(fn, OPK, nm)                                                      \
    static Value fn(Interp *I, int argc, const Value *argv, const KwArgs *kw) {        \
        ARGS(nm, 1, 0, "_");                                                            \
        return tensor_result(I, unary_core(I, OPK, SELF, 0, 0, 0));                     \
    }
UNARY_METHOD(m_exp, OP_EXP, "exp")
UNARY_METHOD(m_log, OP_LOG, "log")
UNARY_METHOD(m_sqrt, OP_SQRT, "sqrt")
UNARY_METHOD(m_abs, OP_ABS, "abs")
UNARY_METHOD(m_sin, OP_SIN, "sin")
UNARY_METHOD(m_cos, OP_COS, "cos")
UNARY_METHOD(m_tanh, OP_TANH, "tanh")
UNARY_METHOD(m_sigmoid, OP_SIGMOID, "sigmoid")
UNARY_METHOD(m_relu, OP_RELU, "relu")
UNARY_METHOD(m_neg, OP_NEG, "neg")

Value tensor_clamp_value(Interp *I, Tensor *t, Value lo, Value hi) {
    int flags = 0;
    double p = 0, q = 0;
    if (!IS_UNDEF(lo) && !IS_NONE(lo)) {
        if (!IS_NUM(lo)) return err_raise(I, EXC_TypeError, "clamp(): min must be a number");
        flags |= 1; p = IS_FLOAT(lo) ? lo.as.f : IS_INT(lo) ? (double)lo.as.i : lo.as.b;
    }
    if (!IS_UNDEF(hi) && !IS_NONE(hi)) {
        if (!IS_NUM(hi)) return err_raise(I, EXC_TypeError, "clamp(): max must be a number");
        flags |= 2; q = IS_FLOAT(hi) ? hi.as.f : IS_INT(hi) ? (double)hi.as.i : hi.as.b;
    }
    if (!flags) return err_raise(I, EXC_RuntimeError, "torch.clamp: At least one of 'min' or 'max' must not be None");
    return tensor_result(I, unary_core(I, OP_CLAMP, t, p, q, flags));
}
static Value m_clamp(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("clamp", 2, 0, "min", "max");
    return tensor_clamp_value(I, SELF, a[0], a[1]);
}
static Value m_pow(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("pow", 1, 1, "exponent");
    return tensor_binop(I, BIN_POW, argv[0], a[0]);
}
static Value m_dot(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("dot", 1, 1, "other");
    if (!IS_TENSOR(a[0])) {
        if (SELF->flavor != FLAVOR_TORCH) return tensor_binop(I, BIN_MUL, argv[0], a[0]);
        return err_raise(I, EXC_TypeError, "dot(): argument 'tensor' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    }
    Tensor *x = SELF, *y = AS_TENSOR(a[0]);
    if (x->flavor != FLAVOR_TORCH && !np_dot_aligned(I, x, y)) return VAL_ERR;
    if (x->flavor == FLAVOR_TORCH && (x->ndim != 1 || y->ndim != 1))
        return err_raise(I, EXC_RuntimeError, "1D tensors expected, but got %dD and %dD tensors", x->ndim, y->ndim);
    return tensor_result(I, tensor_matmul_op(I, x, y));
}
static Value m_matmul(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("matmul", 1, 1, "other");
    return tensor_binop(I, BIN_MATMUL, argv[0], a[0]);
}
static Value m_mm(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("mm", 1, 1, "mat2");
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "mm(): argument 'mat2' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    if (SELF->ndim != 2) return err_raise(I, EXC_RuntimeError, "self must be a matrix");
    if (AS_TENSOR(a[0])->ndim != 2) return err_raise(I, EXC_RuntimeError, "mat2 must be a matrix");
    return tensor_result(I, tensor_matmul_op(I, SELF, AS_TENSOR(a[0])));
}
static Value m_bmm(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("bmm", 1, 1, "mat2");
    if (!IS_TENSOR(a[0])) return err_raise(I, EXC_TypeError, "bmm(): argument 'mat2' (position 1) must be Tensor, not %s", val_type_name(a[0]));
    Tensor *x = SELF, *y = AS_TENSOR(a[0]);
    if (x->ndim != 3) return err_raise(I, EXC_RuntimeError, "batch1 must be a 3D tensor");
    if (y->ndim != 3) return err_raise(I, EXC_RuntimeError, "batch2 must be a 3D tensor");
    if (x->shape[0] != y->shape[0] || x->shape[2] != y->shape[1])
        return err_raise(I, EXC_RuntimeError, "Expected size for first two dimensions of batch2 tensor to be: [%lld, %lld] but got: [%lld, %lld].",
                         (long long)x->shape[0], (long long)x->shape[2], (long long)y->shape[0], (long long)y->shape[1]);
    return tensor_binop(I, BIN_MATMUL, argv[0], a[0]);
}
static Value to_dtype(Interp *I, Value self, DType dt) { return tensor_result(I, cast_op(I, AS_TENSOR(self), dt)); }
static Value m_float(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("float", 1, 0, "_"); return to_dtype(I, argv[0], DT_FLOAT32); }
static Value m_double(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("double", 1, 0, "_"); return to_dtype(I, argv[0], DT_FLOAT64); }
static Value m_long(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("long", 1, 0, "_"); return to_dtype(I, argv[0], DT_INT64); }
static Value m_bool(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("bool", 1, 0, "_"); return to_dtype(I, argv[0], DT_BOOL); }
/* ag has no int32: .int() gives int64 (the values and arithmetic agree with torch's int32;
 * only the printed dtype differs), with a note on stderr once per session. */
static Value m_int(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("int", 1, 0, "_");
    static bool noted;
    if (!noted) {
        noted = true;
        fflush(stdout);
        fprintf(stderr, "note: ag has no int32 dtype; .int() gives int64 (torch would print dtype=torch.int32)\n");
        fflush(stderr);
    }
    return to_dtype(I, argv[0], DT_INT64);
}
static Value m_contiguous(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("contiguous", 1, 0, "_");
    if (tensor_is_contiguous(SELF)) return val_incref(argv[0]);
    return tensor_result(I, tensor_clone_op(I, SELF));
}
static Value m_is_contiguous(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("is_contiguous", 1, 0, "_");
    return val_bool(tensor_is_contiguous(SELF));
}
static Value m_to(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("to", 1, 0, "dtype");
    DType dt;
    if (IS_UNDEF(a[0]) || IS_A(a[0], str_class)) return val_incref(argv[0]); /* .to('cpu') */
    if (!value_as_dtype(a[0], &dt)) return err_raise(I, EXC_TypeError, "to() received an invalid combination of arguments");
    return to_dtype(I, argv[0], dt);
}
/* x.type() → 'torch.FloatTensor'; x.type(torch.float64) or x.type('torch.DoubleTensor') converts */
static Value m_type(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("type", 1, 0, "dtype");
    if (IS_UNDEF(a[0]) || IS_NONE(a[0])) {
        char buf[40];
        snprintf(buf, sizeof buf, "torch.%sTensor", dtype_aten_word[SELF->dtype]);
        return val_str(I, buf, strlen(buf));
    }
    DType dt;
    if (IS_A(a[0], str_class)) {
        const char *s = str_cstr((Str *)AS_OBJ(a[0]));
        bool found = false;
        for (int d = 0; d < DT__COUNT && !found; d++) {
            char buf[40];
            snprintf(buf, sizeof buf, "torch.%sTensor", dtype_aten_word[d]);
            if (!strcmp(s, buf)) { dt = (DType)d; found = true; }
        }
        if (!found) return err_raise(I, EXC_ValueError, "invalid type: '%s'", s);
    } else if (!value_as_dtype(a[0], &dt)) return err_raise(I, EXC_TypeError, "type() received an invalid combination of arguments");
    if (dt == SELF->dtype) return val_incref(argv[0]);
    return to_dtype(I, argv[0], dt);
}
/* x.new_ones(*size, dtype=None), new_zeros, new_full(size, value), new_tensor(data): same dtype as self */
static Value new_filled(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw, int mode) {
    Tensor *t = SELF;
    Value dtv = VAL_UNDEF, rgv = VAL_UNDEF;
    for (int i = 0; kw && i < kw->n; i++) {
        const char *k = str_cstr(kw->names[i]);
        if (!strcmp(k, "dtype")) dtv = kw->vals[i];
        else if (!strcmp(k, "requires_grad")) rgv = kw->vals[i];
        else if (strcmp(k, "device")) return err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname, k);
    }
    int dt;
    if (!arg_dtype(I, dtv, &dt)) return VAL_ERR;
    DType d = dt >= 0 ? (DType)dt : t->dtype;
    Tensor *o;
    if (mode == 3) { /* new_tensor(data) */
        if (argc != 2) return err_raise(I, EXC_TypeError, "new_tensor() takes 1 positional argument");
        o = tensor_from_value(I, argv[1], d, FLAVOR_TORCH);
        if (!o) return VAL_ERR;
    } else {
        int nd;
        int64_t shape[TENSOR_MAX_DIMS];
        double v = mode == 1 ? 1 : 0;
        int n = argc - 1;
        if (mode == 2) {
            if (argc != 3) return err_raise(I, EXC_TypeError, "new_full() takes 2 positional arguments (size, fill_value)");
            if (!IS_NUM(argv[2])) return err_raise(I, EXC_TypeError, "new_full(): fill_value must be a number");
            v = IS_FLOAT(argv[2]) ? argv[2].as.f : IS_INT(argv[2]) ? (double)argv[2].as.i : argv[2].as.b;
            n = 1;
        }
        if (!shape_args(I, n, argv + 1, &nd, shape)) return VAL_ERR;
        for (int k = 0; k < nd; k++) if (shape[k] < 0) return err_raise(I, EXC_RuntimeError, "Trying to create tensor with negative dimension %lld: [%lld]", (long long)shape[k], (long long)shape[k]);
        o = tensor_new(I, d, FLAVOR_TORCH, nd, shape);
        if (!o) return VAL_ERR;
        if (v != 0) for (int64_t i = 0; i < o->numel; i++) tensor_set(o, i, v);
    }
    if (!IS_UNDEF(rgv)) {
        int b = val_truth(I, rgv);
        if (b < 0 || (b && !set_requires_grad(I, o, true))) { tdec(o); return VAL_ERR; }
    }
    return tensor_value(o);
}
static Value m_new_zeros(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return new_filled(I, "new_zeros", argc, argv, kw, 0); }
static Value m_new_ones(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return new_filled(I, "new_ones", argc, argv, kw, 1); }
static Value m_new_full(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return new_filled(I, "new_full", argc, argv, kw, 2); }
static Value m_new_tensor(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return new_filled(I, "new_tensor", argc, argv, kw, 3); }
static Value m_astype(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("astype", 1, 1, "dtype");
    int dt;
    if (!arg_dtype(I, a[0], &dt)) return VAL_ERR;
    Tensor *c = tensor_copy(I, SELF, dt < 0 ? SELF->dtype : (DType)dt);
    return tensor_result(I, c);
}
static Value m_copy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("copy", 1, 0, "_");
    return tensor_result(I, tensor_copy(I, SELF, SELF->dtype));
}
static Value m_numpy(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("numpy", 1, 0, "_");
    Tensor *t = SELF;
    if (t->requires_grad && t->flavor == FLAVOR_TORCH)
        return err_raise(I, EXC_RuntimeError, "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
    Tensor *v = tensor_view(I, t, t->ndim, t->shape, t->stride, t->offset);
    if (!v) return VAL_ERR;
    v->flavor = FLAVOR_NUMPY;
    return val_obj(v);
}
static Value m_retain_grad(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("retain_grad", 1, 0, "_");
    return VAL_NONE;
}
/* var / std. NumPy: _var's steps (mean with keepdims, a - mean, squared, summed, / (n - ddof)),
 * each in the array's float dtype. torch: unbiased by default, accumulated in double (two
 * passes over all elements, Welford along a dim), rounded to the tensor's dtype; not recorded
 * on the tape. */
static Value var_std(Interp *I, const char *fname, bool is_std, int argc, const Value *argv, const KwArgs *kw) {
    ARGS(fname, 7, 0, "dim", "unbiased", "keepdim", "axis", "ddof", "keepdims", "correction");
    Tensor *t = SELF;
    bool numpy = t->flavor != FLAVOR_TORCH;
    if (IS_UNDEF(a[2])) a[2] = a[5];
    int dim;
    bool keep;
    if (!red_dim(I, t, a[0], a[3], &dim) || !truthy(I, a[2], &keep)) return VAL_ERR;
    if (t->ndim == 0) dim = -1;
    int64_t ddof = numpy ? 0 : 1;
    if (!IS_UNDEF(a[4]) && !val_as_index(I, a[4], &ddof)) return VAL_ERR;
    if (!IS_UNDEF(a[6]) && !val_as_index(I, a[6], &ddof)) return VAL_ERR;
    if (!IS_UNDEF(a[1])) { int b = val_truth(I, a[1]); if (b < 0) return VAL_ERR; ddof = b ? 1 : 0; }
    uint32_t mask = dim < 0 ? (t->ndim >= 32 ? 0xFFFFFFFFu : (1u << t->ndim) - 1) : (1u << dim);
    int64_t cnt = 1;
    for (int d = 0; d < t->ndim; d++) if (mask & (1u << d)) cnt *= t->shape[d];
    double div = (double)(cnt - ddof > 0 ? cnt - ddof : 0);
    if (!numpy) {
        if (!dtype_is_float(t->dtype))
            return err_raise(I, EXC_RuntimeError, "std and var only support floating point and complex dtypes");
        int64_t osh[TENSOR_MAX_DIMS];
        int ond = 0;
        for (int d = 0; d < t->ndim; d++) {
            if (!(mask & (1u << d))) osh[ond++] = t->shape[d];
            else if (keep) osh[ond++] = 1;
        }
        Tensor *o = tensor_new(I, t->dtype, FLAVOR_TORCH, ond, osh);
        if (!o) return VAL_ERR;
        int64_t inner = 1, size = dim < 0 ? t->numel : t->shape[dim];
        if (dim >= 0) for (int d = dim + 1; d < t->ndim; d++) inner *= t->shape[d];
        int64_t outer = dim < 0 ? 1 : (size * inner != 0 ? t->numel / (size * inner) : 0);
        for (int64_t ou = 0; ou < outer; ou++)
            for (int64_t in = 0; in < inner; in++) {
                int64_t base = ou * size * inner + in;
                double m2 = 0, mean = 0;
                if (dim < 0) {
                    double sum = 0;
                    for (int64_t k = 0; k < size; k++) sum += tensor_get(t, k);
                    mean = sum / (double)size;
                    for (int64_t k = 0; k < size; k++) { double d = tensor_get(t, k) - mean; m2 += d * d; }
                } else
                    for (int64_t k = 0; k < size; k++) {
                        double x = tensor_get(t, base + k * inner), delta = x - mean;
                        mean += delta / (double)(k + 1);
                        m2 += delta * (x - mean);
                    }
                double v = m2 / div;
                if (is_std) v = sqrt(v);
                tensor_set(o, ou * inner + in, v);
            }
        return tensor_result(I, o);
    }
    Tensor *src = t, *cast = NULL;
    if (!dtype_is_float(t->dtype)) { cast = tensor_copy(I, t, DT_FLOAT64); if (!cast) return VAL_ERR; cast->flavor = FLAVOR_NUMPY; src = cast; }
    Tensor *m = kern_sum(I, src, mask, true, src->dtype, true);
    Tensor *dv = NULL, *sq = NULL, *r = NULL;
    if (!m) goto out;
    m->flavor = FLAVOR_NUMPY;
    for (int64_t i = 0; i < m->numel; i++) {
        if (m->dtype == DT_FLOAT32) ((float *)m->storage->data)[i] /= (float)cnt;
        else ((double *)m->storage->data)[i] /= (double)cnt;
    }
    dv = tensor_binary(I, OP_SUB, src, m);
    sq = dv ? tensor_binary(I, OP_MUL, dv, dv) : NULL;
    r = sq ? kern_sum(I, sq, mask, keep, sq->dtype, true) : NULL;
    if (r) {
        r->flavor = FLAVOR_NUMPY;
        for (int64_t i = 0; i < r->numel; i++) {
            if (r->dtype == DT_FLOAT32) {
                float *p = (float *)r->storage->data + i;
                *p = *p / (float)div;
                if (is_std) *p = sqrtf(*p);
            } else {
                double *p = (double *)r->storage->data + i;
                *p = *p / div;
                if (is_std) *p = sqrt(*p);
            }
        }
    }
out:
    tdec(cast); tdec(m); tdec(dv); tdec(sq);
    return tensor_result(I, r);
}
/* x.norm(p=2, dim=None, keepdim=False). Untracked: torch 1.13's AVX2 norm_two kernel along
 * each contiguous row (8 float / 4 double lanes of acc += x*x, lanes added in order, the tail
 * fused); p=1 sums |x| the same way. Tracked inputs go through pow/sum/sqrt ops (so grads are
 * right, but grad_fn reads SqrtBackward0 where torch says NormBackward1). */
static Value m_norm(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("norm", 3, 0, "p", "dim", "keepdim");
    Tensor *t = SELF;
    double p = 2;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (IS_A(a[0], str_class) && !strcmp(str_cstr((Str *)AS_OBJ(a[0])), "fro")) p = 2;
        else if (IS_NUM(a[0])) p = IS_FLOAT(a[0]) ? a[0].as.f : (double)a[0].as.i;
        else return err_raise(I, EXC_TypeError, "norm(): argument 'p' must be Number");
    }
    if (p != 1 && p != 2) return err_raise(I, EXC_ValueError, "ag: norm supports p=1 and p=2 only");
    if (!dtype_is_float(t->dtype)) return err_raise(I, EXC_RuntimeError, "linalg.vector_norm: Expected a floating point or complex tensor as input. Got %s", dtype_aten_word[t->dtype]);
    int dim;
    bool keep;
    if (!red_dim(I, t, a[1], VAL_UNDEF, &dim) || !truthy(I, a[2], &keep)) return VAL_ERR;
    if (t->ndim == 0) dim = -1;
    if (needs_record(t, NULL)) {
        Tensor *x = p == 2 ? tensor_binary(I, OP_MUL, t, t) : unary_core(I, OP_ABS, t, 0, 0, 0);
        if (!x) return VAL_ERR;
        Tensor *sm = dim < 0 ? (keep && t->ndim ? reduce_core(I, OP_SUMDIM, x, (1u << t->ndim) - 1, true, -1) : reduce_core(I, OP_SUM, x, 0xFFFFFFFFu, false, -1))
                             : reduce_core(I, OP_SUMDIM, x, 1u << dim, keep, -1);
        tdec(x);
        if (!sm || p == 1) return tensor_result(I, sm);
        Tensor *r = unary_core(I, OP_SQRT, sm, 0, 0, 0);
        tdec(sm);
        return tensor_result(I, r);
    }
    int64_t osh[TENSOR_MAX_DIMS];
    int ond = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (dim >= 0 && d != dim) osh[ond++] = t->shape[d];
        else if (keep) osh[ond++] = 1;
    }
    Tensor *c = tensor_copy(I, t, t->dtype); /* contiguous */
    if (!c) return VAL_ERR;
    Tensor *o = tensor_new(I, t->dtype, FLAVOR_TORCH, ond, osh);
    if (!o) { tdec(c); return VAL_ERR; }
    int64_t size = dim < 0 ? t->numel : t->shape[dim], inner = 1;
    if (dim >= 0) for (int d = dim + 1; d < t->ndim; d++) inner *= t->shape[d];
    int64_t outer = size * inner != 0 ? t->numel / (size * inner) : 0;
    bool f32 = t->dtype == DT_FLOAT32;
    int W = p == 1 ? 1 : f32 ? 8 : 4; /* p=1: NormOneOps, one sequential accumulator */
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            int64_t base = ou * size * inner + in;
            double acc[8] = {0};
            float accf[8] = {0};
            int64_t d = 0;
            for (; d < size - size % W; d += W)
                for (int l = 0; l < W; l++) {
                    double x = tensor_get(c, base + (d + l) * inner);
                    if (f32) { float xf = (float)x; accf[l] = accf[l] + (p == 2 ? xf * xf : fabsf(xf)); }
                    else acc[l] = acc[l] + (p == 2 ? x * x : fabs(x));
                }
            double r;
            if (f32) {
                float b = accf[0];
                for (int l = 1; l < W; l++) b = b + accf[l];
                for (; d < size; d++) { float xf = (float)tensor_get(c, base + d * inner); b = p == 2 ? fmaf(xf, xf, b) : b + fabsf(xf); }
                r = p == 2 ? (double)sqrtf(b) : (double)b;
            } else {
                double b = acc[0];
                for (int l = 1; l < W; l++) b = b + acc[l];
                for (; d < size; d++) { double x = tensor_get(c, base + d * inner); b = p == 2 ? fma(x, x, b) : b + fabs(x); }
                r = p == 2 ? sqrt(b) : b;
            }
            tensor_set(o, ou * inner + in, r);
        }
    tdec(c);
    return tensor_result(I, o);
}
static Value m_var(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return var_std(I, "var", false, argc, argv, kw); }
static Value m_std(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return var_std(I, "std", true, argc, argv, kw); }
/* any/all over every element or along one dim (axis); a bool result either way. */
static Value m_any_all(Interp *I, int argc, const Value *argv, const KwArgs *kw, bool all) {
    ARGS(all ? "all" : "any", 4, 0, "dim", "keepdim", "axis", "keepdims");
    if (IS_UNDEF(a[1])) a[1] = a[3];
    Tensor *t = SELF;
    int dim;
    bool keep;
    if (!red_dim(I, t, a[0], a[2], &dim) || !truthy(I, a[1], &keep)) return VAL_ERR;
    if (t->ndim == 0) dim = -1;
    int64_t osh[TENSOR_MAX_DIMS];
    int ond = 0;
    for (int d = 0; d < t->ndim; d++) {
        if (dim >= 0 && d != dim) osh[ond++] = t->shape[d];
        else if (keep) osh[ond++] = 1;
    }
    Flavor fl = t->flavor == FLAVOR_NUMPY_SCALAR ? FLAVOR_NUMPY : t->flavor;
    Tensor *o = tensor_new(I, DT_BOOL, fl, ond, osh);
    if (!o) return VAL_ERR;
    int64_t size = dim < 0 ? t->numel : t->shape[dim], inner = 1, outer = 1;
    for (int d = 0; dim >= 0 && d < t->ndim; d++) {
        if (d < dim) outer *= t->shape[d];
        if (d > dim) inner *= t->shape[d];
    }
    for (int64_t ou = 0; ou < outer; ou++)
        for (int64_t in = 0; in < inner; in++) {
            bool r = all;
            for (int64_t d = 0; d < size; d++)
                if ((tensor_get(t, (ou * size + d) * inner + in) != 0) != all) { r = !all; break; }
            tensor_set(o, ou * inner + in, r);
        }
    return tensor_result(I, o);
}
static Value m_any(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_any_all(I, argc, argv, kw, false); }
static Value m_all(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_any_all(I, argc, argv, kw, true); }
/* NumPy-only methods: ravel, fill, swapaxes here; round/cumsum/prod/sort/... in tensor_lib.c */
Value tlib_m_round(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value tlib_m_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
static bool np_only(Interp *I, const Value *argv, const char *name) {
    if (is_np(SELF)) return true;
    err_raise(I, EXC_AttributeError, "'Tensor' object has no attribute '%s'", name);
    return false;
}
static Value m_ravel(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!np_only(I, argv, "ravel")) return VAL_ERR;
    ARGS("ravel", 1, 0, "order");
    Value args[2] = {argv[0], val_int(-1)};
    return m_reshape(I, 2, args, NULL);
}
static Value m_fill(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!np_only(I, argv, "fill")) return VAL_ERR;
    Value r = m_fill_(I, argc, argv, kw);
    if (IS_ERR(r)) return r;
    val_decref(r);
    return VAL_NONE;
}
static Value m_swapaxes(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!np_only(I, argv, "swapaxes")) return VAL_ERR;
    ARGS("swapaxes", 2, 2, "axis1", "axis2");
    Tensor *t = SELF;
    int d0, d1;
    if (!get_dim(I, t, a[0], &d0) || !get_dim(I, t, a[1], &d1)) return VAL_ERR;
    int perm[TENSOR_MAX_DIMS];
    for (int d = 0; d < t->ndim; d++) perm[d] = d;
    if (t->ndim) { perm[d0] = d1; perm[d1] = d0; }
    return tensor_result(I, tensor_permute_op(I, OP_PERMUTE, t, perm));
}

static Value m_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return is_np(SELF) ? tlib_m_nonzero(I, argc, argv, kw) : ttorch_m_nonzero(I, argc, argv, kw);
}

static const MethodDef tensor_methods[] = {
    {"item", m_item, "item()", "The single element as a Python number."},
    {"tolist", m_tolist, "tolist()", "The elements as (nested) Python lists."},
    {"size", m_size, "size(dim=None)", "The shape (torch.Size), or the size of one dim."},
    {"numel", m_numel, "numel()", "Number of elements."},
    {"dim", m_dim, "dim()", "Number of dimensions."},
    {"backward", m_backward, "backward(gradient=None, retain_graph=False)", "Accumulate d(self)/d(leaf) into .grad of every leaf that requires grad."},
    {"detach", m_detach, "detach()", "The same data, cut from the graph (no grad_fn, no requires_grad)."},
    {"clone", m_clone, "clone()", "A copy of the data (recorded: CloneBackward0)."},
    {"requires_grad_", m_requires_grad_, "requires_grad_(requires_grad=True)", "Start (or stop) tracking operations on this leaf; returns self."},
    {"zero_", m_zero_, "zero_()", "Fill with zeros in place; returns self."},
    {"fill_", m_fill_, "fill_(value)", "Fill with value in place; returns self."},
    {"add_", m_add_, "add_(other)", "self += other in place."},
    {"sub_", m_sub_, "sub_(other)", "self -= other in place."},
    {"mul_", m_mul_, "mul_(other)", "self *= other in place."},
    {"div_", m_div_, "div_(other)", "self /= other in place."},
    {"copy_", m_copy_, "copy_(src)", "Copy src's elements (broadcast, converted) into self in place; returns self."},
    {"add", m_add, "add(other, alpha=1)", "self + alpha * other."},
    {"sub", m_sub, "sub(other, alpha=1)", "self - alpha * other."},
    {"mul", m_mul, "mul(other)", "self * other."},
    {"div", ttorch_m_div, "div(other, rounding_mode=None)", "self / other; rounding_mode 'trunc' or 'floor' rounds the quotient."},
    {"eq", m_eq, "eq(other)", "self == other, elementwise."},
    {"ne", m_ne, "ne(other)", "self != other, elementwise."},
    {"lt", m_lt, "lt(other)", "self < other, elementwise."},
    {"le", m_le, "le(other)", "self <= other, elementwise."},
    {"gt", m_gt, "gt(other)", "self > other, elementwise."},
    {"ge", m_ge, "ge(other)", "self >= other, elementwise."},
    {"equal", m_equal, "equal(other)", "True if both have the same shape and elements."},
    {"reshape", m_reshape, "reshape(*shape)", "Same elements in a new shape (a view when possible); -1 infers one size."},
    {"view", m_view, "view(*shape)", "A view with a new shape; the tensor must be contiguous."},
    {"flatten", m_flatten, "flatten(start_dim=0, end_dim=-1)", "Collapse dims into one."},
    {"squeeze", m_squeeze, "squeeze(dim=None)", "Remove dims of size 1."},
    {"unsqueeze", m_unsqueeze, "unsqueeze(dim)", "Insert a dim of size 1 at position dim."},
    {"transpose", m_transpose, "transpose(dim0, dim1)", "Swap two dims (a view)."},
    {"t", m_t, "t()", "Transpose a 2-D tensor (a view)."},
    {"permute", m_permute, "permute(*dims)", "Reorder the dims (a view)."},
    {"expand", m_expand, "expand(*sizes)", "Broadcast size-1 dims to larger sizes without copying."},
    {"sum", m_sum, "sum(dim=None, keepdim=False, dtype=None)", "Sum of all elements, or over dim."},
    {"mean", m_mean, "mean(dim=None, keepdim=False, dtype=None)", "Mean of all elements, or over dim."},
    {"max", m_max, "max(dim=None, keepdim=False)", "Largest element; with dim, the (values, indices) pair."},
    {"min", m_min, "min(dim=None, keepdim=False)", "Smallest element; with dim, the (values, indices) pair."},
    {"norm", m_norm, "norm(p=2, dim=None, keepdim=False)", "The p-norm (p=2: sqrt of the sum of squares) of all elements, or along dim."},
    {"var", m_var, "var(dim=None, unbiased=True, keepdim=False)", "Variance (torch: unbiased by default; NumPy: ddof=0)."},
    {"std", m_std, "std(dim=None, unbiased=True, keepdim=False)", "Standard deviation (torch: unbiased by default; NumPy: ddof=0)."},
    {"argmax", m_argmax, "argmax(dim=None, keepdim=False)", "Index of the largest element (flattened, or along dim)."},
    {"argmin", m_argmin, "argmin(dim=None, keepdim=False)", "Index of the smallest element (flattened, or along dim)."},
    {"softmax", m_softmax, "softmax(dim, dtype=None)", "exp(x) / exp(x).sum(dim), computed stably (x - max first)."},
    {"log_softmax", m_log_softmax, "log_softmax(dim, dtype=None)", "log(softmax(x, dim)), computed stably."},
    {"contiguous", m_contiguous, "contiguous()", "self if its elements are laid out in order, else a contiguous copy."},
    {"is_contiguous", m_is_contiguous, "is_contiguous()", "True if the elements are laid out in row-major order."},
    {"exp", m_exp, "exp()", "e ** x, elementwise."},
    {"log", m_log, "log()", "Natural logarithm, elementwise."},
    {"sqrt", m_sqrt, "sqrt()", "Square root, elementwise."},
    {"abs", m_abs, "abs()", "Absolute value, elementwise."},
    {"sin", m_sin, "sin()", "Sine, elementwise."},
    {"cos", m_cos, "cos()", "Cosine, elementwise."},
    {"tanh", m_tanh, "tanh()", "Hyperbolic tangent, elementwise."},
    {"sigmoid", m_sigmoid, "sigmoid()", "1 / (1 + exp(-x)), elementwise."},
    {"relu", m_relu, "relu()", "max(x, 0), elementwise."},
    {"neg", m_neg, "neg()", "-x, elementwise."},
    {"clamp", m_clamp, "clamp(min=None, max=None)", "Limit every element to [min, max]."},
    {"pow", m_pow, "pow(exponent)", "self ** exponent."},
    {"dot", m_dot, "dot(other)", "Inner product of two 1-D tensors."},
    {"matmul", m_matmul, "matmul(other)", "Matrix product (self @ other)."},
    {"bmm", m_bmm, "bmm(mat2)", "Batched matrix product of two 3-D tensors."},
    {"mm", m_mm, "mm(mat2)", "Product of two matrices."},
    {"float", m_float, "float()", "Convert to float32."},
    {"double", m_double, "double()", "Convert to float64."},
    {"int", m_int, "int()", "Convert to an integer dtype (int64: ag has no int32)."},
    {"long", m_long, "long()", "Convert to int64."},
    {"bool", m_bool, "bool()", "Convert to bool."},
    {"to", m_to, "to(dtype)", "Convert to dtype."},
    {"type", m_type, "type(dtype=None)", "With no argument, the type name ('torch.FloatTensor'); else a converted copy."},
    {"new_zeros", m_new_zeros, "new_zeros(*size, dtype=None)", "Zeros with self's dtype."},
    {"new_ones", m_new_ones, "new_ones(*size, dtype=None)", "Ones with self's dtype."},
    {"new_full", m_new_full, "new_full(size, fill_value, dtype=None)", "fill_value everywhere, with self's dtype."},
    {"new_tensor", m_new_tensor, "new_tensor(data, dtype=None)", "A new tensor from data, with self's dtype."},
    {"astype", m_astype, "astype(dtype)", "NumPy: a copy converted to dtype."},
    {"copy", m_copy, "copy()", "NumPy: a copy of the array."},
    {"numpy", m_numpy, "numpy()", "The tensor's data as a NumPy array (shares memory)."},
    {"retain_grad", m_retain_grad, "retain_grad()", "Accepted for compatibility (ag keeps adjoints on the tape)."},
    {"any", m_any, "any(dim=None, keepdim=False)", "True if any element is non-zero (over all, or along dim/axis)."},
    {"all", m_all, "all(dim=None, keepdim=False)", "True if every element is non-zero (over all, or along dim/axis)."},
    {"ravel", m_ravel, "ravel()", "NumPy: the elements as a 1-D array."},
    {"fill", m_fill, "fill(value)", "NumPy: set every element to value in place."},
    {"swapaxes", m_swapaxes, "swapaxes(axis1, axis2)", "NumPy: swap two axes."},
    {"round", ttorch_m_round, "round(decimals=0)", "Round to the nearest integer (halves to even), or to decimals places."},
    {"cumsum", ttorch_m_cumsum, "cumsum(dim)", "Running sum along dim (NumPy: axis=None flattens)."},
    {"cumprod", ttorch_m_cumprod, "cumprod(dim)", "Running product along dim (NumPy: axis=None flattens)."},
    {"prod", ttorch_m_prod, "prod(dim=None, keepdim=False)", "Product of all elements, or along dim."},
    {"sort", ttorch_m_sort, "sort(dim=-1, descending=False)", "torch: (values, indices) sorted along dim; NumPy: sort in place."},
    {"argsort", ttorch_m_argsort, "argsort(dim=-1, descending=False)", "The indices that would sort along dim."},
    /* torch-only methods (tensor_torch.c) */
    {"where", ttorch_m_where, "where(condition, other)", "self where condition is True, else other."},
    {"masked_fill", ttorch_m_masked_fill, "masked_fill(mask, value)", "A copy with value wherever mask is True."},
    {"masked_fill_", ttorch_m_masked_fill_, "masked_fill_(mask, value)", "Set value wherever mask is True, in place."},
    {"gather", ttorch_m_gather, "gather(dim, index)", "Pick elements along dim at index."},
    {"scatter", ttorch_m_scatter, "scatter(dim, index, src)", "A copy with src's values (or value=) put at index along dim."},
    {"isnan", ttorch_m_isnan, "isnan()", "True where the element is NaN."},
    {"isinf", ttorch_m_isinf, "isinf()", "True where the element is +inf or -inf."},
    {"isfinite", ttorch_m_isfinite, "isfinite()", "True where the element is neither NaN nor infinite."},
    {"logical_not", ttorch_m_logical_not, "logical_not()", "True where the element is zero (False)."},
    {"scatter_", ttorch_m_scatter_, "scatter_(dim, index, src)", "Put src's values (or value=) at index along dim, in place."},
    {"scatter_add", ttorch_m_scatter_add, "scatter_add(dim, index, src)", "A copy with src's values added at index along dim."},
    {"scatter_add_", ttorch_m_scatter_add_, "scatter_add_(dim, index, src)", "Add src's values at index along dim, in place."},
    {"flip", ttorch_m_flip, "flip(*dims)", "Reverse the order of elements along dims (a copy)."},
    {"roll", ttorch_m_roll, "roll(shifts, dims=None)", "Shift elements along dims, wrapping around."},
    {"index_select", ttorch_m_index_select, "index_select(dim, index)", "The slices at the int64 indices along dim (a copy)."},
    {"amax", ttorch_m_amax, "amax(dim=(), keepdim=False)", "The maximum over dims (all by default)."},
    {"amin", ttorch_m_amin, "amin(dim=(), keepdim=False)", "The minimum over dims (all by default)."},
    {"logsumexp", ttorch_m_logsumexp, "logsumexp(dim, keepdim=False)", "log(sum(exp(x))) along dim, computed stably."},
    {"diag", ttorch_m_diag, "diag(diagonal=0)", "A vector as a diagonal matrix, or a matrix's diagonal."},
    {"trace", ttorch_m_trace, "trace()", "The sum of a matrix's main diagonal."},
    {"unbind", ttorch_m_unbind, "unbind(dim=0)", "The slices along dim as a tuple of tensors."},
    {"inverse", ttorch_m_inverse, "inverse()", "The inverse of a square matrix."},
    {"det", ttorch_m_det, "det()", "The determinant of a square matrix."},
    {"fliplr", ttorch_m_fliplr, "fliplr()", "Reverse the columns."},
    {"flipud", ttorch_m_flipud, "flipud()", "Reverse the rows."},
    {"repeat", ttorch_m_repeat, "repeat(*sizes)", "Tile the tensor sizes[d] times along each dim (a copy)."},
    {"expand_as", ttorch_m_expand_as, "expand_as(other)", "expand(other.size())."},
    {"topk", ttorch_m_topk, "topk(k, dim=-1, largest=True, sorted=True)", "The k largest (or smallest) values and their indices."},
    {"split", ttorch_m_split, "split(split_size, dim=0)", "Views of pieces of the given size(s) along dim."},
    {"chunk", ttorch_m_chunk, "chunk(chunks, dim=0)", "Views of (at most) chunks equal pieces along dim."},
    {"isclose", ttorch_m_isclose, "isclose(other, rtol=1e-05, atol=1e-08, equal_nan=False)", "Elementwise closeness."},
    {"allclose", ttorch_m_allclose, "allclose(other, rtol=1e-05, atol=1e-08, equal_nan=False)", "True if every element isclose."},
    {"fmod", ttorch_m_fmod, "fmod(other)", "Remainder with the sign of self (C's fmod)."},
    {"remainder", ttorch_m_remainder, "remainder(other)", "Remainder with the sign of other (Python's %)."},
    {"floor_divide", ttorch_m_floor_divide, "floor_divide(other)", "self // other."},
    {"floor", ttorch_m_floor, "floor()", "Largest integer <= x, elementwise."},
    {"ceil", ttorch_m_ceil, "ceil()", "Smallest integer >= x, elementwise."},
    {"trunc", ttorch_m_trunc, "trunc()", "x rounded toward zero, elementwise."},
    {"sign", ttorch_m_sign, "sign()", "-1, 0 or 1 by the sign of x."},
    {"reciprocal", ttorch_m_reciprocal, "reciprocal()", "1 / x, elementwise."},
    {"rsqrt", ttorch_m_rsqrt, "rsqrt()", "1 / sqrt(x), elementwise."},
    {"log10", ttorch_m_log10, "log10()", "Base-10 logarithm, elementwise."},
    {"log2", ttorch_m_log2, "log2()", "Base-2 logarithm, elementwise."},
    {"log1p", ttorch_m_log1p, "log1p()", "log(1 + x), accurate for small x."},
    {"expm1", ttorch_m_expm1, "expm1()", "exp(x) - 1, accurate for small x."},
    {"exp2", ttorch_m_exp2, "exp2()", "2 ** x, elementwise."},
    {"square", ttorch_m_square, "square()", "x ** 2, elementwise."},
    {"median", ttorch_m_median, "median(dim=None, keepdim=False)", "The middle value (the lower one for an even count); with dim, (values, indices)."},
    {"nonzero", m_nonzero, "nonzero(as_tuple=False)", "The indices of the non-zero elements: torch one row each; NumPy a tuple of arrays, one per axis."},
    {"count_nonzero", ttorch_m_count_nonzero, "count_nonzero(dim=None)", "How many elements are non-zero."},
    {"unique", ttorch_m_unique, "unique(sorted=True, return_inverse=False, return_counts=False)", "The distinct values, sorted."},
    {"nelement", ttorch_m_nelement, "nelement()", "Number of elements (numel)."},
    {"element_size", ttorch_m_element_size, "element_size()", "Bytes per element."},
    {"is_floating_point", ttorch_m_is_floating_point, "is_floating_point()", "True for float32 and float64 tensors."},
    {"tril", ttorch_m_tril, "tril(diagonal=0)", "The lower triangle (the rest zero) of the last two dims."},
    {"triu", ttorch_m_triu, "triu(diagonal=0)", "The upper triangle (the rest zero) of the last two dims."},
    {"narrow", ttorch_m_narrow, "narrow(dim, start, length)", "The view self[..., start:start+length, ...] along dim."},
    {"cpu", ttorch_m_cpu, "cpu()", "self: ag's tensors live on the CPU."},
    {"view_as", ttorch_m_view_as, "view_as(other)", "view(other.size())."},
    {"type_as", ttorch_m_type_as, "type_as(other)", "Converted to other's dtype."},
    {"normal_", ttorch_m_normal_, "normal_(mean=0, std=1)", "Refill in place with normal random numbers."},
    {"uniform_", ttorch_m_uniform_, "uniform_(from=0, to=1)", "Refill in place with uniform random numbers in [from, to)."},
    {"clip", ttorch_m_clip, "clip(min=None, max=None)", "Alias of clamp."},
    {"clamp_", ttorch_m_clamp_, "clamp_(min=None, max=None)", "clamp in place."},
    {"clip_", ttorch_m_clip_, "clip_(min=None, max=None)", "clamp in place."},
    {"abs_", ttorch_m_abs_, "abs_()", "abs in place."},
    {"neg_", ttorch_m_neg_, "neg_()", "neg in place."},
    {"exp_", ttorch_m_exp_, "exp_()", "exp in place."},
    {"log_", ttorch_m_log_, "log_()", "log in place."},
    {"sqrt_", ttorch_m_sqrt_, "sqrt_()", "sqrt in place."},
    {"sigmoid_", ttorch_m_sigmoid_, "sigmoid_()", "sigmoid in place."},
    {"tanh_", ttorch_m_tanh_, "tanh_()", "tanh in place."},
    {"relu_", ttorch_m_relu_, "relu_()", "relu in place."},
    {"pow_", ttorch_m_pow_, "pow_(exponent)", "pow in place."},
    {NULL, NULL, NULL, NULL},
};

Value tensor_call_method(Interp *I, const char *name, int argc, const Value *argv, const KwArgs *kw) {
    for (const MethodDef *m = tensor_methods; m->name; m++)
        if (!strcmp(m->name, name)) return m->fn(I, argc, argv, kw);
    return err_raise(I, EXC_AttributeError, "'Tensor' object has no attribute '%s'", name);
}

static bool tensor_hash(Interp *I, Value self, uint64_t *out) {
    Tensor *t = AS_TENSOR(self);
    if (t->flavor == FLAVOR_NUMPY) { err_raise(I, EXC_TypeError, "unhashable type: 'numpy.ndarray'"); return false; }
    if (t->flavor == FLAVOR_NUMPY_SCALAR) {
        double x = tensor_get(t, 0);
        if (x == floor(x) && fabs(x) < 9e18) return val_hash(I, val_int((int64_t)x), out);
        return val_hash(I, val_float(x), out);
    }
    *out = (uint64_t)(uintptr_t)t >> 4;
    return true;
}

static const char *tensor_type_name(Value self) {
    static const char *const numpy_scalar[DT__COUNT] = {
        [DT_BOOL] = "numpy.bool_", [DT_INT64] = "numpy.int64",
        [DT_FLOAT32] = "numpy.float32", [DT_FLOAT64] = "numpy.float64",
    };
    Tensor *t = AS_TENSOR(self);
    if (t->flavor == FLAVOR_TORCH) return "torch.Tensor";
    if (t->flavor == FLAVOR_NUMPY) return "numpy.ndarray";
    return numpy_scalar[t->dtype];
}

const ObjClass tensor_class = {
    .name = "Tensor",
    .type_name = tensor_type_name,
    .free = tensor_free,
    .repr = tensor_repr,
    .str = tensor_str,
    .format = tensor_format,
    .getattr = tensor_getattr,
    .setattr = tensor_setattr,
    .binop = tensor_binop,
    .ibinop = tensor_ibinop,
    .unop = tensor_unop,
    .getitem = tensor_getitem,
    .setitem = tensor_setitem,
    .iter = tensor_iter,
    .len = tensor_len,
    .truth = tensor_truth,
    .contains = tensor_contains,
    .hash = tensor_hash,
    .to_float = tensor_to_float,
    .to_int = tensor_to_int,
    .methods = tensor_methods,
};
