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
extern const char *const dtype_numpy_name[DT__COUNT]; /* "float32" */
extern const size_t dtype_size[DT__COUNT];

typedef enum {
    FLAVOR_TORCH,        /* torch.Tensor */
    FLAVOR_NUMPY,        /* numpy.ndarray */
    FLAVOR_NUMPY_SCALAR, /* numpy.float32 / float64 / int64 / bool_ scalar (ndim 0) */
} Flavor;

/* Refcounted, shared by views. */
typedef struct Storage {
    uint32_t rc;
    size_t nbytes;
    void *data;
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
} Tensor;

extern const ObjClass tensor_class;
#define IS_TENSOR(v) IS_A(v, tensor_class)
#define AS_TENSOR(v) ((Tensor *)(v).as.o)

/* Element i (row-major logical index over the shape) read as double. */
double tensor_get(const Tensor *t, int64_t i);
bool tensor_is_contiguous(const Tensor *t);

/* Printing (tensor_print.c), exactly as torch 1.13 / NumPy 1.24. */
bool tensor_repr(Interp *I, StrBuf *sb, Value self);  /* repr(t): "tensor([1., 2.])", "array([1., 2.], dtype=float32)" */
bool tensor_str(Interp *I, StrBuf *sb, Value self);   /* str(t): torch same as repr; numpy "[1. 2.]" */
bool tensor_format(Interp *I, StrBuf *sb, Value self, const char *spec, size_t speclen);

/* The native module "_tensor" that stdlib/torch.ag and stdlib/numpy.ag build on. */
struct Module;
struct Module *tensor_module_init(Interp *I);

#endif
