/* tensor.h — n-dimensional tensors: storage, shape, strides, views (prefix tensor_).
 *
 * A Tensor is an Obj (class tensor_class) so the evaluator dispatches arithmetic, indexing,
 * attributes and printing through its ObjClass slots. The same struct serves torch tensors,
 * NumPy arrays and NumPy scalars (flavor), which differ in printing, promotion and autograd. */
#ifndef AG_TENSOR_H
#define AG_TENSOR_H
#include "value.h"

#define TENSOR_MAX_DIMS 8

typedef enum { DT_BOOL, DT_INT64, DT_FLOAT32, DT_FLOAT64, DT__COUNT } DType;
extern const char *const dtype_torch_name[DT__COUNT]; /* "torch.float32" */
extern const char *const dtype_aten_word[DT__COUNT];  /* ATen's scalar type: "Float" (torch.FloatTensor) */
extern const char *const dtype_numpy_name[DT__COUNT]; /* "float32" */
extern const size_t dtype_size[DT__COUNT];

typedef enum {
    FLAVOR_TORCH,        /* torch.Tensor */
    FLAVOR_NUMPY,        /* numpy.ndarray */
    FLAVOR_NUMPY_SCALAR, /* numpy.float32 / float64 / int64 / bool_ scalar (ndim 0) */
} Flavor;

/* Refcounted, shared by views. `version` counts in-place writes through any view
 * (torch keeps the version counter per storage, so saved tensors see writes via aliases). */
typedef struct Storage {
    uint32_t rc;
    uint32_t version;
    size_t nbytes;
    void *data;
    bool in_block;    /* lives in its first tensor's block (tensor.c: a small tensor is one allocation) */
    bool block_owner; /* that tensor is still alive: the block goes when both it and the last reference do */
} Storage;

typedef struct TapeNode TapeNode; /* tape.c: one recorded operation (grad_fn) */

typedef struct Tensor {
    Obj h;
    DType dtype;
    uint8_t flavor;
    int ndim;
    int64_t shape[TENSOR_MAX_DIMS];
    int64_t stride[TENSOR_MAX_DIMS];  /* in elements */
    int64_t offset;                   /* in elements, into storage */
    int64_t numel;
    Storage *storage;
    /* autograd */
    bool requires_grad;
    struct Tensor *grad;              /* NULL = None; owned */
    TapeNode *grad_fn;                /* NULL for leaves; owned reference */
    uint32_t version;                 /* bumped by in-place writes (saved-tensor checks) */
    bool is_param;                    /* an nn.Parameter (nn.c): repr says "Parameter containing:" */
    bool has_block_storage;           /* allocated with its storage in one block (tensor.c) */
} Tensor;

extern const ObjClass tensor_class;
#define IS_TENSOR(v) IS_A(v, tensor_class)
#define AS_TENSOR(v) ((Tensor *)(v).as.o)

/* Element i (row-major logical index over the shape) read as double. */
double tensor_get(const Tensor *t, int64_t i);
static inline bool tensor_same_shape(const Tensor *a, const Tensor *b) {
    if (a->ndim != b->ndim) return false;
    for (int d = 0; d < a->ndim; d++) if (a->shape[d] != b->shape[d]) return false;
    return true;
}
bool tensor_is_contiguous_nd(const Tensor *t);
/* Row-major with no gaps (size-1 dims may have any stride). Inline for the 0-d and 1-d tensors
 * of teaching code; asked several times per operation. */
static inline bool tensor_is_contiguous(const Tensor *t) {
    if (t->ndim == 0) return true;
    if (t->ndim == 1) return t->shape[0] == 1 || t->stride[0] == 1;
    return tensor_is_contiguous_nd(t);
}

/* Printing (tensor_print.c), exactly as torch 1.13 / NumPy 1.24. */
bool tensor_repr(Interp *I, StrBuf *sb, Value self);  /* repr(t): "tensor([1., 2.])", "array([1., 2.], dtype=float32)" */
bool tensor_str(Interp *I, StrBuf *sb, Value self);   /* str(t): torch same as repr; numpy "[1. 2.]" */
bool tensor_format(Interp *I, StrBuf *sb, Value self, const char *spec, size_t speclen);
/* NumPy's print options (np.set_printoptions): process-wide, as NumPy keeps them. */
typedef enum { TPRINT_FM_FIXED, TPRINT_FM_UNIQUE, TPRINT_FM_MAXPREC, TPRINT_FM_MAXPREC_EQUAL } TprintFloatMode;
typedef struct {
    int precision, edgeitems, linewidth;
    int64_t threshold;         /* summarise when size > threshold */
    double threshold_float;    /* the float given (np.inf), NAN when it was an int */
    bool suppress;
    TprintFloatMode floatmode;
} TensorNpPrintOptions;
TensorNpPrintOptions *tensor_np_printoptions(void); /* the live options, to read or change */
/* torch's PRINT_OPTS: torch.set_printoptions changes them (sci_mode -1: chosen per tensor) */
typedef struct { int precision, edgeitems, linewidth, sci_mode; int64_t threshold; } TensorTorchPrintOptions;
TensorTorchPrintOptions *tensor_torch_printoptions(void);
void tensor_np_array2string(StrBuf *sb, const Tensor *t, const char *sep, int prefix_len);

/* The native module "_tensor" that stdlib/torch.ag and stdlib/numpy.ag build on. */
struct Module;
struct Module *tensor_module_init(Interp *I);
/* The native module "_nn" (nn.c): torch.nn, torch.nn.functional and torch.optim. */
struct Module *nn_module_init(Interp *I);
/* isinstance(x, t) when t is a torch.nn constructor (nn.Linear, nn.ReLU, nn.Parameter, ...):
 * 1 or 0; -1 when t is not one. */
int nn_isinstance(Value x, Value t);
int nn_type_is(const ObjClass *cls, const char *type_name, Value t); /* type(m) == nn.Linear; -1: t is not an nn constructor */
struct Module *data_module_init(Interp *I); /* data.c: torch.utils.data */
/* Backward rules of the ops nn.c records (addmm, mse_loss, binary_cross_entropy, nll_loss). */
bool nn_grad_apply(Interp *I, TapeNode *n, Tensor *g, Tensor **out);

/* ==== internal API shared by tensor.c, kernels.c, tape.c, grad.c, tensor_lib.c ==== */
/* Ops: one row per op in ops.def (see there for the columns). */
typedef enum {
#define OP(id, name, gradname, nin, test) OP_##id,
#include "ops.def"
#undef OP
    OP__COUNT
} OpKind;
extern const char *const op_name[OP__COUNT];      /* "mul" */
extern const char *const op_grad_name[OP__COUNT]; /* "MulBackward0" */
extern const int op_nin[OP__COUNT];               /* tensor inputs */

/* Creation. All return a NEW reference, or NULL with an exception pending. */
Tensor *tensor_new(Interp *I, DType dt, int flavor, int ndim, const int64_t *shape); /* zeroed, contiguous */
Tensor *tensor_new_empty(Interp *I, DType dt, int flavor, int ndim, const int64_t *shape); /* data uninitialised */
Tensor *tensor_scalar(Interp *I, DType dt, int flavor, double v);                   /* 0-d */
/* A 0-d tensor in the caller's frame for a number that a kernel only reads: no allocation.
 * Never hand it to anything that keeps a reference (the tape, a result). */
typedef struct { Tensor t; Storage s; double data; } TensorTmp;
Tensor *tensor_scalar_tmp(TensorTmp *tmp, DType dt, int flavor, double v);
Tensor *tensor_view(Interp *I, Tensor *base, int ndim, const int64_t *shape,
                    const int64_t *stride, int64_t offset);                          /* shares storage, no autograd */
/* A torch tensor over storage s (taking a new reference to it), no autograd. */
Tensor *tensor_on_storage(Interp *I, Storage *s, DType dt, int ndim, const int64_t *shape,
                          const int64_t *stride, int64_t offset);
void tensor_storage_decref(Storage *s);
Tensor *tensor_copy(Interp *I, Tensor *t, DType dt);   /* contiguous copy, converted to dt */
Tensor *tensor_detach(Interp *I, Tensor *t);           /* alias without autograd */
Tensor *tensor_from_value(Interp *I, Value v, int dtype /* -1: infer */, int flavor);
void tensor_set(Tensor *t, int64_t i, double v);       /* logical index, as tensor_get */
int64_t tensor_get_i64(const Tensor *t, int64_t i);    /* exact for int64 */
void *tensor_ptr(const Tensor *t);                      /* base pointer at offset 0 of the view */
DType dtype_promote(DType a, DType b, bool numpy);
static inline bool dtype_is_float(DType d) { return d == DT_FLOAT32 || d == DT_FLOAT64; }
bool tensor_check_size(Interp *I, int ndim, const int64_t *shape, int64_t *numel); /* MemoryError on overflow */
bool tensor_broadcast_shape(Interp *I, const Tensor *a, const Tensor *b, int *ndim, int64_t *shape);
Tensor *tensor_expand_to(Interp *I, Tensor *t, int ndim, const int64_t *shape); /* broadcast view */
Value tensor_size_new(Interp *I, Value seq); /* torch.Size(iterable) */
bool tensor_assign(Interp *I, Tensor *dst, Tensor *src); /* dst[...] = src, broadcast; error pending on false */

/* Forward kernels (kernels.c): no autograd, no promotion decisions.
 * Binary: a and b already broadcastable; computed in `ct`, written as `out_dt`. */
Tensor *kern_binary(Interp *I, OpKind op, Tensor *a, Tensor *b, DType ct, DType out_dt, int flavor);
/* Unary and parametrised elementwise ops (exp, pow by scalar p, clamp p..q, ...), in dt. */
Tensor *kern_unary(Interp *I, OpKind op, Tensor *a, DType dt, double p, double q, int flags);
/* Sum over the dims in mask (bit d set = reduce d), in dt (torch's cascade or numpy's pairwise). */
Tensor *kern_sum(Interp *I, Tensor *a, uint32_t mask, bool keepdim, DType dt, bool numpy_order);
/* max/min (is_max) over dim (or all when dim < 0); indices optional. */
Tensor *kern_softmax(Interp *I, Tensor *a, int dim, bool log_); /* float a, torch order */
Tensor *kern_softmax_backward(Interp *I, Tensor *g, Tensor *y, int dim, bool log_);
bool kern_maxmin(Interp *I, Tensor *a, int dim, bool keepdim, bool is_max, Tensor **values, Tensor **indices);
Tensor *kern_matmul(Interp *I, Tensor *a, Tensor *b, DType dt, int flavor); /* 1-D/2-D/3-D, fmaf accumulation */
bool kern_poll(Interp *I);  /* false + KeyboardInterrupt pending when Ctrl-C was pressed */
double kern_pairwise_f64(const double *a, int64_t n, int64_t stride);
float kern_cascade_f32(const float *a, int64_t n);

/* Random numbers (kernels.c): torch's CPU generator and NumPy's legacy RandomState. */
void rng_torch_seed(uint64_t seed);
uint64_t rng_torch_initial_seed(void);
void rng_torch_uniform(Tensor *t);   /* fills float32/float64 contiguous t */
void rng_torch_normal(Tensor *t);
uint64_t rng_torch_random64(void);   /* generator->random64(): two 32-bit draws, high word first */
double rng_torch_double(void);       /* uniform_real_distribution<double>(0, 1): 53 bits of a random64 */
size_t rng_torch_state_size(void);   /* bytes of one saved torch generator state */
void rng_torch_state_init(void *buf); /* a fresh generator's state (default seed) */
void rng_torch_swap(void *buf);      /* exchange the live torch state with the one saved in buf */
/* NumPy's Generator: PCG64 seeded by SeedSequence from n 32-bit words; the state lives in buf */
size_t rng_pcg_state_size(void);
void rng_pcg_seed(void *buf, const uint32_t *entropy, int n);
uint64_t rng_pcg_next64(void *buf);
uint32_t rng_pcg_next32(void *buf);
double rng_pcg_double(void *buf);                  /* [0, 1), 53 bits */
uint64_t rng_pcg_bounded(void *buf, uint64_t rng); /* [0, rng], Lemire (Generator.integers) */
uint64_t rng_pcg_interval(void *buf, uint64_t max); /* [0, max], masked (shuffle) */
double rng_pcg_normal(void *buf);                  /* standard normal (ziggurat) */
void rng_np_seed(uint32_t seed);
void rng_np_uniform(Tensor *t);      /* float64 */
void rng_np_normal(Tensor *t);
void rng_torch_randint(Tensor *t, int64_t low, int64_t high); /* [low, high) */
void rng_np_randint(Tensor *t, int64_t low, int64_t high);    /* [low, high), int64 t */
double rng_np_double(void);                                    /* one legacy uniform draw */
double rng_np_gauss(void);                                     /* one legacy gauss draw */
size_t rng_np_state_size(void);   /* bytes of one saved legacy state (all zero: not yet seeded) */
void rng_np_swap(void *buf);      /* exchange the live legacy state with the one saved in buf */

/* Autograd (tape.c). A TapeNode is a grad_fn: op, edges to the inputs' nodes (or leaf
 * tensors to accumulate into), saved tensors (detached aliases), scalar params. */
#define TAPE_MAX_IN 3   /* addmm: bias, mat1, mat2 */
#define TAPE_MAX_SAVED 3
struct TapeNode {
    uint32_t rc;
    OpKind op;
    uint64_t seq;                       /* record number, monotonically increasing per session */
    int nin;
    TapeNode *next[TAPE_MAX_IN];        /* input's grad_fn (owned) or NULL */
    Tensor *leaf[TAPE_MAX_IN];          /* input leaf requiring grad (owned) or NULL */
    bool needs[TAPE_MAX_IN];            /* input requires grad */
    int in_ndim[TAPE_MAX_IN];           /* input shapes (for sum-to and view backward): in_shape */
    DType in_dtype[TAPE_MAX_IN];
    Tensor *saved[TAPE_MAX_SAVED];      /* inputs themselves, the output as a detached alias
                                         * (as torch's SavedVariable); NULL after release */
    uint32_t saved_version[TAPE_MAX_SAVED];
    bool released;                      /* saved values were freed by backward */
    double p[4];                        /* scalar parameters (exponent, clamp bounds, dim, ...) */
    int64_t ip[2 * TENSOR_MAX_DIMS + 2];/* integer parameters (dims, permutation, offsets) */
    int out_ndim;                       /* out_shape */
    DType out_dtype;
    struct Source *src;                 /* where it was recorded (owned ref) or NULL */
    int line, col;
    Tensor *adjoint;                    /* the grad that flowed into it in the last backward (teaching tools) */
    bool had_saved;                     /* backward needs saved values (a second pass then fails) */
    int64_t visit;                      /* scratch for the backward walk */
    /* teaching tools (teach.c): the output's storage and strides (NULL when it has more than
     * TAPE_VALUE_MAX elements; teach_node_value makes the tensor from them when a teaching tool
     * first asks, so recording allocates no object), and each input that does not require grad
     * (X in w * X) */
    Storage *value_storage;
    int64_t value_offset;               /* value_stride */
    Tensor *value;                      /* made from value_storage on demand; owned */
    Tensor *const_in[TAPE_MAX_IN];
    /* Not zeroed when recorded (tape_record zeroes everything above): each is read only up
     * to its ndim. */
    int64_t in_shape[TAPE_MAX_IN][TENSOR_MAX_DIMS];
    int64_t out_shape[TENSOR_MAX_DIMS];
    int64_t value_stride[TENSOR_MAX_DIMS];
};
#define TAPE_VALUE_MAX 65536

extern bool tape_grad_enabled;              /* global no-grad flag */
/* An input the tape follows: a torch tensor that requires grad (NumPy arrays never do). */
static inline bool tape_tracks(const Tensor *t) { return t && t->requires_grad && t->flavor == FLAVOR_TORCH; }
bool tape_should_record(int n, Tensor *const *inputs);
/* Create the grad_fn for `out` computed by op from inputs (some may be NULL = constant).
 * Sets out->grad_fn and out->requires_grad. False + MemoryError on failure. */
TapeNode *tape_record(Interp *I, OpKind op, Tensor *out, int n, Tensor *const *inputs);
bool tape_save(Interp *I, TapeNode *n, int slot, Tensor *t);  /* the output: a detached alias */
void tape_node_incref(TapeNode *n);
void tape_node_decref(TapeNode *n);        /* iterative: long chains never recurse */
bool tape_backward(Interp *I, Tensor *root, Tensor *gradient, bool retain_graph);
extern const char *const tape_second_backward_msg;
/* The new .grad of a leaf (old grad + g, or a copy of g); NULL on error. Changes nothing. */
Tensor *tape_leaf_new_grad(Interp *I, Tensor *leaf, Tensor *g);
/* Install s (from tape_leaf_new_grad; consumed) as leaf's .grad. Cannot fail. */
void tape_accumulate_leaf(Interp *I, Tensor *leaf, Tensor *s);
uint64_t tape_record_count(void);
extern const ObjClass gradfn_class;        /* the Python-visible grad_fn object */
Value tape_gradfn_value(Interp *I, TapeNode *n);
extern const ObjClass nograd_class;        /* `with nograd:` */
Value tape_nograd_new(Interp *I, bool enable_grad);

/* Backward rules (grad.c): given the node and its output grad g, compute grads for
 * inputs (out[i] = NULL where not needed). New references. */
bool grad_apply(Interp *I, TapeNode *n, Tensor *g, Tensor **out);
/* Sum g down to shape (broadcast reduction), new reference. */
Tensor *grad_sum_to(Interp *I, Tensor *g, int ndim, const int64_t *shape);

/* Differentiable operations used by the Python-facing layer and the tests (tensor.c):
 * they promote, broadcast, run the kernel and record on the tape. */
Tensor *tensor_binary(Interp *I, OpKind op, Tensor *a, Tensor *b);
Tensor *tensor_unary(Interp *I, OpKind op, Tensor *a, double p, double q);
Tensor *tensor_reduce(Interp *I, OpKind op, Tensor *a, int dim /* -1 all */, bool keepdim);
Tensor *tensor_reshape_op(Interp *I, OpKind op, Tensor *a, int ndim, const int64_t *shape);
Tensor *tensor_permute_op(Interp *I, OpKind op, Tensor *a, const int *perm);
bool np_dot_aligned(Interp *I, const Tensor *a, const Tensor *b);
Tensor *tensor_matmul_op(Interp *I, Tensor *a, Tensor *b);
Tensor *tensor_unsqueeze_op(Interp *I, Tensor *a, int dim);
Tensor *tensor_squeeze_op(Interp *I, Tensor *a, int dim /* -1: all */);
Tensor *tensor_expand_op(Interp *I, Tensor *a, int ndim, const int64_t *shape);
Tensor *tensor_clone_op(Interp *I, Tensor *a);
/* torch.cat / torch.stack (and NumPy's concatenate / stack) of n tensors along dim. */
Tensor *tensor_cat_op(Interp *I, int n, Tensor *const *ts, int dim, bool stack);
Tensor *tensor_softmax_op(Interp *I, Tensor *a, int dim, bool log_);
/* nn.Linear's forward (addmm for a matrix with bias, else matmul + add); b may be NULL. */
Tensor *nn_linear_op(Interp *I, Tensor *x, Tensor *w, Tensor *b);
Tensor *nn_leaky_relu(Interp *I, Tensor *x, double negative_slope); /* LeakyReluBackward0 */
/* softplus (beta p, threshold q), gelu, elu (alpha p), silu by their op */
Tensor *nn_activation(Interp *I, OpKind op, Tensor *x, double p, double q);
/* A loss by its op (OP_MSELOSS, OP_BCELOSS, OP_NLLLOSS); reduction 0 none, 1 mean, 2 sum. */
Tensor *nn_loss_op(Interp *I, OpKind op, Tensor *input, Tensor *target, int reduction);
Tensor *tensor_maxmin_op(Interp *I, Tensor *a, int dim, bool keepdim, bool is_max, Tensor **indices);
Value tensor_value(Tensor *t);  /* steals the reference */
Value tensor_result(Interp *I, Tensor *t); /* numpy 0-d results become numpy scalars; steals */
Value tensor_binop(Interp *I, BinOp op, Value a, Value b);
Value tensor_clamp_value(Interp *I, Tensor *t, Value lo, Value hi);
/* Call a Tensor method by name with argv[0] = self (the module layer's torch.sum(x, ...)). */
Value tensor_call_method(Interp *I, const char *name, int argc, const Value *argv, const KwArgs *kw);
const char *tape_node_name(const TapeNode *n);   /* "MulBackward0" */
Value tensor_getattr(Interp *I, Value self, Str *name);
extern const ObjClass dtype_class, maxmin_result_class, size_class;
Value dtype_value(Interp *I, DType dt, int flavor);
bool value_as_dtype(Value v, DType *out);

/* tensor_torch.c: torch-only functions (the _tensor module's ttorch_defs) and methods */
extern const MethodDef ttorch_defs[];
Value ttorch_generator_new(Interp *I);   /* torch.manual_seed's result */
bool ttorch_gen_swap(Interp *I, const char *fname, Value gen); /* swap a generator= in (call again to swap out) */
Tensor *ttorch_cum(Interp *I, Tensor *x, int dim, bool prod, bool reverse, DType dt); /* cumsum/cumprod along dim */
Tensor *ttorch_flip(Interp *I, Tensor *x, uint32_t mask);
Tensor *ttorch_tri(Interp *I, Tensor *x, bool upper, int64_t diagonal);              /* tril / triu of the last two dims */                           /* reversed along the dims in mask */
Tensor *tensor_narrow_op(Interp *I, OpKind op, Tensor *a, int dim, int64_t start, int64_t len);
Value tensor_named_pair(Interp *I, const char *name, Tensor *v, Tensor *ix); /* torch.return_types.NAME(values, indices); steals */
bool tensor_check_inplace_leaf(Interp *I, Tensor *t); /* torch's error for an in-place write to a leaf requiring grad */
Value tensor_size_tuple(Value v);                     /* a torch.Size as its tuple (borrowed); other values as they are */
void rng_torch_normal_scaled(Tensor *t, double mean, double std); /* normal_(mean, std) */
void rng_torch_randperm(Tensor *t);
void rng_torch_bernoulli(Tensor *t, double p);                     /* 1 with probability p, else 0 */                                /* int64 1-D t: torch's randperm */
Value ttorch_m_abs_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_allclose(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_argsort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_chunk(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_clamp_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_clip(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_clip_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_cumprod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_cumsum(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_div(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_exp_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_expand_as(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_flip(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_roll(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_index_select(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_amax(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_amin(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_logsumexp(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_diag(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_trace(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_unbind(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_inverse(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_det(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Tensor *ttorch_inv_det(Interp *I, Tensor *x, bool want_inv);
/* backward helpers (grad.c) */
Tensor *ttorch_roll(Interp *I, Tensor *x, int n, const int64_t *shifts, const int64_t *dims);
Tensor *ttorch_diag(Interp *I, Tensor *x, int64_t k, int out_nd, const int64_t *out_shape);
int64_t ttorch_reduced_index(const Tensor *x, uint32_t mask, int64_t i);
Value ttorch_m_fliplr(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_flipud(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_floor_divide(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_fmod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_gather(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_scatter(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_isnan(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_isinf(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_isfinite(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_logical_not(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_scatter_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_scatter_add(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_scatter_add_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_isclose(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_log_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_masked_fill(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_masked_fill_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_neg_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_pow_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_relu_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_remainder(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_repeat(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_sigmoid_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_sort(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_split(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_sqrt_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_tanh_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_topk(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_where(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_tril(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_triu(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_narrow(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_cpu(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_normal_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_type_as(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_uniform_(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_view_as(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_count_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_element_size(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_is_floating_point(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_median(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_nelement(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_nonzero(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_unique(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_ceil(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_exp2(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_expm1(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_floor(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_log10(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_log1p(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_log2(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_reciprocal(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_round(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_rsqrt(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_sign(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_square(Interp *I, int argc, const Value *argv, const KwArgs *kw);
Value ttorch_m_trunc(Interp *I, int argc, const Value *argv, const KwArgs *kw);

#endif
