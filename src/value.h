/* value.h — tagged values, reference-counted objects, object classes (prefix val_, obj_).
 *
 * A Value is 16 bytes: a kind tag and an unboxed payload. None, bool, int (int64) and
 * float (double) never touch the heap; everything else is an Obj* with a reference count.
 *
 * OWNERSHIP (read this once, it holds everywhere):
 *  - A function returning Value returns a NEW reference (caller must val_decref it),
 *    unless its comment says "borrowed".
 *  - Arguments are BORROWED: a callee that keeps an argument increfs it.
 *  - A returned Value of kind V_ERR means "an exception is pending in the interpreter"
 *    (see interp.h: err_raise, err_pending). It carries no reference. Always check with
 *    IS_ERR(v) and propagate by returning VAL_ERR (or false/-1/NULL, per signature).
 *  - V_UNDEF marks an unbound variable slot or "not found"; it is never a user-visible value.
 *  - V_NOTIMPL is returned by class binop slots that decline an operation.
 *
 * Every object starts with an Obj header pointing at its ObjClass: a table of optional
 * slots (repr, getattr, binop, getitem, iter, call, ...) through which the evaluator
 * dispatches. A subsystem adds a type by declaring one ObjClass; the evaluator never
 * needs to know its layout (that is how tensors plug in). */
#ifndef AG_VALUE_H
#define AG_VALUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mem.h"

typedef struct Interp Interp;
typedef struct Obj Obj;
typedef struct ObjClass ObjClass;
typedef struct StrBuf StrBuf;

typedef enum {
    V_UNDEF = 0, /* unbound / not found; never escapes to ag code */
    V_NONE,
    V_BOOL,
    V_INT,
    V_FLOAT,
    V_OBJ,
    V_ERR,       /* exception pending in the interpreter */
    V_NOTIMPL,   /* a binop slot declines */
} ValKind;

typedef struct Value {
    uint8_t kind;
    union {
        bool b;
        int64_t i;
        double f;
        Obj *o;
    } as;
} Value;

#define VAL_UNDEF   ((Value){.kind = V_UNDEF})
#define VAL_NONE    ((Value){.kind = V_NONE})
#define VAL_ERR     ((Value){.kind = V_ERR})
#define VAL_NOTIMPL ((Value){.kind = V_NOTIMPL})
static inline Value val_bool(bool b) { Value v = {.kind = V_BOOL}; v.as.b = b; return v; }
static inline Value val_int(int64_t i) { Value v = {.kind = V_INT}; v.as.i = i; return v; }
static inline Value val_float(double f) { Value v = {.kind = V_FLOAT}; v.as.f = f; return v; }
static inline Value val_obj(void *o) { Value v = {.kind = V_OBJ}; v.as.o = (Obj *)o; return v; }

#define IS_UNDEF(v)  ((v).kind == V_UNDEF)
#define IS_NONE(v)   ((v).kind == V_NONE)
#define IS_BOOL(v)   ((v).kind == V_BOOL)
#define IS_INT(v)    ((v).kind == V_INT)
#define IS_FLOAT(v)  ((v).kind == V_FLOAT)
#define IS_OBJ(v)    ((v).kind == V_OBJ)
#define IS_ERR(v)    ((v).kind == V_ERR)
#define IS_NOTIMPL(v) ((v).kind == V_NOTIMPL)
#define IS_NUM(v)    ((v).kind == V_INT || (v).kind == V_FLOAT || (v).kind == V_BOOL)
#define AS_OBJ(v)    ((v).as.o)
#define IS_A(v, klass) ((v).kind == V_OBJ && (v).as.o->cls == &(klass))

/* ---- objects ---------------------------------------------------------------------- */
struct Obj {
    const ObjClass *cls;
    uint32_t rc;
    uint32_t gc;      /* 0, except during a cycle collection (gc.c): the object's place + 1 */
};

void obj_free(Obj *o); /* calls o->cls->free; used by val_decref when rc hits 0 */
static inline void obj_incref(Obj *o) { o->rc++; }
static inline void obj_decref(Obj *o) { if (--o->rc == 0) obj_free(o); }
static inline Value val_incref(Value v) { if (v.kind == V_OBJ) v.as.o->rc++; return v; }
static inline void val_decref(Value v) { if (v.kind == V_OBJ && --v.as.o->rc == 0) obj_free(v.as.o); }
/* Allocate an object of `size` bytes (header included) with rc 1; NULL + MemoryError pending on failure.
 * Inline: a training step makes a few dozen objects. */
void *obj_new_failed(Interp *I);
static inline void *obj_new(Interp *I, const ObjClass *cls, size_t size) {
    Obj *o = mem_alloc(size);
    if (!o) return obj_new_failed(I);
    o->cls = cls;
    o->rc = 1;
    o->gc = 0;
    return o;
}
/* Release the object's memory itself (class free slots call this last). */
void obj_dealloc(Obj *o, size_t size);

/* Lists and dicts (the containers that can come to hold themselves: a = []; a.append(a))
 * are linked into their interpreter's registry, right after their Obj header. Reference
 * counting never frees such a cycle; interp_free empties every registered container
 * (ObjClass.clear), which breaks them all, so a session ends with nothing leaked. During a
 * session, gc.c collects the cycles nothing else refers to (sets, cells and instances are
 * registered too; each registered class gives a traverse slot so the collector sees inside). */
typedef struct ObjLink { struct ObjLink *prev, *next; } ObjLink;
void obj_track(Interp *I, ObjLink *l);
void obj_untrack(ObjLink *l);
void obj_break_cycles(Interp *I);
void obj_registry_release(Interp *I);   /* last thing before the Interp is freed */

/* Keyword arguments of a call, in call order. names are interned Str*. */
typedef struct Str Str;
typedef struct KwArgs {
    int n;
    Str *const *names;
    const Value *vals;
} KwArgs;

/* A native function: argv[0..argc) positional (borrowed), kw may be NULL.
 * For methods, argv[0] is self. Returns a new reference or VAL_ERR. */
typedef Value (*NativeFn)(Interp *I, int argc, const Value *argv, const KwArgs *kw);

/* One row of a method / module-member / builtin table. Tables end with {NULL}.
 * sig and doc feed :help and tab completion, so every row has them. */
typedef struct MethodDef {
    const char *name; /* "append" */
    NativeFn fn;
    const char *sig;  /* "append(x)" — shown by :help */
    const char *doc;  /* one line: "Add x to the end of the list." */
} MethodDef;

/* Binary and unary operators as the evaluator dispatches them. */
typedef enum {
    BIN_ADD, BIN_SUB, BIN_MUL, BIN_TRUEDIV, BIN_FLOORDIV, BIN_MOD, BIN_POW, BIN_MATMUL,
    BIN_AND, BIN_OR, BIN_XOR, BIN_LSHIFT, BIN_RSHIFT, /* & | ^ << >> */
    /* the comparisons stay last: `op >= BIN_LT` tests for one */
    BIN_LT, BIN_LE, BIN_EQ, BIN_NE, BIN_GT, BIN_GE,
    BIN__COUNT
} BinOp;
typedef enum { UN_NEG, UN_POS, UN_NOT, UN_INVERT } UnOp;
extern const char *const binop_symbol[BIN__COUNT]; /* "+", "-", ..., ">=" */

/* An object class. Every slot is optional (NULL): the evaluator then falls back to the
 * generic behaviour (or a TypeError in Python's words). Slots receive borrowed values. */
struct ObjClass {
    const char *name;                                   /* Python type name: "str", "Tensor" */
    void (*free)(Obj *o);                               /* decref children, then obj_dealloc */
    bool (*repr)(Interp *I, StrBuf *sb, Value self);    /* append repr(self) */
    bool (*str)(Interp *I, StrBuf *sb, Value self);     /* NULL: same as repr */
    /* f"{x:spec}" / format(x, spec). NULL: spec must be empty, then str(). */
    bool (*format)(Interp *I, StrBuf *sb, Value self, const char *spec, size_t speclen);
    /* Attribute read. Return V_UNDEF if not an attribute: the evaluator then looks in
     * `methods` and builds a bound method; then raises AttributeError. */
    Value (*getattr)(Interp *I, Value self, Str *name);
    bool (*setattr)(Interp *I, Value self, Str *name, Value v); /* false: error pending */
    /* Called when either operand has this class (left operand's class first).
     * Return VAL_NOTIMPL to decline. Comparisons go through here too. */
    Value (*binop)(Interp *I, BinOp op, Value a, Value b);
    /* In-place `self op= other` (+=, -=, ...). Return a new reference to the result
     * (normally self) or VAL_NOTIMPL to fall back to binop + rebinding. */
    Value (*ibinop)(Interp *I, BinOp op, Value self, Value other);
    Value (*unop)(Interp *I, UnOp op, Value a);
    Value (*getitem)(Interp *I, Value self, Value key); /* key may be a Slice or a Tuple */
    bool (*setitem)(Interp *I, Value self, Value key, Value v);
    bool (*delitem)(Interp *I, Value self, Value key);
    Value (*iter)(Interp *I, Value self);               /* a new iterator object */
    Value (*next)(Interp *I, Value self);               /* iterators: next item, V_UNDEF when done */
    int64_t (*len)(Interp *I, Value self);              /* -1: error pending */
    int (*truth)(Interp *I, Value self);                /* 1/0, -1: error pending */
    bool (*contains)(Interp *I, Value self, Value item, bool *out);
    Value (*call)(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw);
    bool (*eq)(Interp *I, Value a, Value b, bool *out); /* both have this class */
    bool (*hash)(Interp *I, Value self, uint64_t *out); /* NULL: unhashable */
    Value (*to_float)(Interp *I, Value self);           /* float(x); NULL: TypeError */
    Value (*to_int)(Interp *I, Value self);             /* int(x) */
    Value (*enter)(Interp *I, Value self);              /* with x [as y]: y = enter() */
    bool (*exit)(Interp *I, Value self);
    const MethodDef *methods;                           /* {NULL}-terminated, or NULL */
    void (*clear)(Obj *self);                           /* registered containers: drop every item */
    /* The name type(x) shows when it depends on the instance (one C class serves
     * torch.Tensor, numpy.ndarray and the NumPy scalar types). NULL: `name`. */
    const char *(*type_name)(Value self);
    /* Registered objects (obj_track): call visit on every value held (the cycle collector, gc.c). */
    void (*traverse)(Obj *self, void (*visit)(Value v, void *ctx), void *ctx);
};

/* ---- core built-in types (value.c, str.c, list.c, dict.c) ------------------------ */
struct Str {
    Obj h;
    int64_t len;      /* bytes, excluding the NUL */
    int64_t ncp;      /* code points (== len for ASCII) */
    uint64_t hash;    /* 0 = not computed yet */
    bool interned;
    char data[];      /* UTF-8, NUL-terminated */
};
typedef struct List  { Obj h; ObjLink link; int64_t len, cap; Value *items; } List;
typedef struct Tuple { Obj h; int64_t len; Value items[]; } Tuple;
typedef struct DictEntry { Value key, val; uint64_t hash; } DictEntry;
/* Insertion-ordered hash table, as CPython's dict. Deleted entries have key V_UNDEF. */
typedef struct Dict {
    Obj h;
    ObjLink link;       /* in the interpreter's registry (see obj_track) */
    int64_t len;        /* live entries */
    int64_t nentries, cap_entries;
    DictEntry *entries;
    int64_t *index;     /* open addressing into entries; -1 empty, -2 deleted */
    int64_t index_cap;  /* power of two */
    uint8_t flavor;     /* DICT_PLAIN, or a collections type sharing dict's layout and methods */
    Value factory;      /* defaultdict's default_factory (None when none); else None */
} Dict;
enum { DICT_PLAIN, DICT_DEFAULT, DICT_COUNTER, DICT_ORDERED }; /* dict, collections.defaultdict, collections.Counter, collections.OrderedDict */
typedef struct Range { Obj h; int64_t start, stop, step; } Range;
typedef struct Slice { Obj h; Value start, stop, step; } Slice;   /* each may be None */
typedef struct Cell  { Obj h; ObjLink link; Value v; } Cell;        /* a closure variable (registered: closures make cycles) */
typedef struct Native { Obj h; const MethodDef *def; Value self; const ObjClass *owner; } Native; /* builtin fn or bound native method (self V_UNDEF if unbound); owner: the class of an unbound method (str.upper), else NULL */

extern const ObjClass str_class, list_class, tuple_class, dict_class, range_class,
    slice_class, cell_class, native_class;
/* Sets (set.c): set_new_value makes an empty set; set_add / set_update add a borrowed key /
 * the items of an iterable (TypeError for unhashable keys); set_construct is set(iterable). */
extern const ObjClass set_class;
Value set_new_value(Interp *I);
bool set_add(Interp *I, Value set, Value key);
bool set_update(Interp *I, Value set, Value iterable);
Value set_construct(Interp *I, int argc, const Value *argv, const KwArgs *kw);
/* Ellipsis (`...`): one static object that is never freed; ellipsis_value() is a new reference. */
extern const ObjClass ellipsis_class;
Value ellipsis_value(void);

/* Strings. str_new copies; returns NULL with MemoryError pending on failure. */
Str *str_new(Interp *I, const char *s, size_t len);
Str *str_from_cstr(Interp *I, const char *s);
Str *str_intern(Interp *I, const char *s, size_t len);   /* returns a NEW reference to the unique copy */
Value val_str(Interp *I, const char *s, size_t len);      /* VAL_ERR on failure */
uint64_t str_hash(Str *s);
bool str_eq(const Str *a, const Str *b);
static inline const char *str_cstr(const Str *s) { return s->data; }

/* Lists and tuples. Items appended/stored are increfed by the callee. */
List *list_new(Interp *I, int64_t cap);
bool list_append(Interp *I, List *l, Value v);
Tuple *tuple_new(Interp *I, int64_t len);                 /* items initialised to None */
Value val_tuple2(Interp *I, Value a, Value b);             /* increfs a and b */

/* Dicts. Keys must be hashable (TypeError otherwise). get returns a BORROWED value or V_UNDEF. */
Dict *dict_new(Interp *I);
struct Module *dict_collections_init(Interp *I); /* the `collections` module: defaultdict, Counter */
bool dict_set(Interp *I, Dict *d, Value key, Value val);
Value dict_get(Interp *I, Dict *d, Value key);             /* borrowed; V_UNDEF if absent; VAL_ERR if unhashable */
Value dict_get_str(Dict *d, Str *key);                      /* borrowed; key interned or not */
bool dict_del(Interp *I, Dict *d, Value key, bool *found);

/* Generic value protocol (value.c): Python semantics for the built-in types,
 * dispatching through ObjClass slots for the rest. */
const char *val_type_name(Value v);                          /* "int", "float", "str", "Tensor", ... */
bool val_repr(Interp *I, StrBuf *sb, Value v);              /* append repr(v) */
bool val_str_into(Interp *I, StrBuf *sb, Value v);          /* append str(v) */
Value val_to_repr(Interp *I, Value v);                      /* a new Str */
bool val_ascii(Interp *I, StrBuf *sb, Value v);             /* append ascii(v): repr with non-ASCII escaped */
Value val_to_str(Interp *I, Value v);                       /* a new Str */
bool val_format(Interp *I, StrBuf *sb, Value v, const char *spec, size_t speclen); /* format(v, spec) */
int  val_truth(Interp *I, Value v);                         /* -1 on error */
bool val_eq(Interp *I, Value a, Value b, bool *out);        /* ==, Python semantics, 1 == 1.0 == True */
bool val_hash(Interp *I, Value v, uint64_t *out);           /* TypeError if unhashable */
Value val_binop(Interp *I, BinOp op, Value a, Value b);     /* + - * ... and comparisons, all types */
Value val_unop(Interp *I, UnOp op, Value a);
Value val_getitem(Interp *I, Value obj, Value key);
bool val_setitem(Interp *I, Value obj, Value key, Value v);
Value val_iter(Interp *I, Value v);                         /* iterator object */
Value val_next(Interp *I, Value it);                        /* V_UNDEF when exhausted */
int64_t val_len(Interp *I, Value v);                        /* -1 on error */
/* `item in it` by iterating it (consumed: an iterator, or VAL_ERR passed through). */
bool val_iter_contains(Interp *I, Value it, Value item, bool *out);
bool val_contains(Interp *I, Value container, Value item, bool *out);

/* ---- value-layer helpers (value.c, str.c, list.c, dict.c, format.c) ------------------- */
/* fmt % args for a str fmt (printf-style; args a tuple or one value). A new Str or VAL_ERR. */
Value str_percent(Interp *I, Value fmt, Value args);
/* Call any callable value (functions, natives, classes with a call slot). Implemented by the
 * evaluator (eval.c); list.sort(key=) uses it. Returns a new reference or VAL_ERR. */
Value val_call(Interp *I, Value f, int argc, const Value *argv, const KwArgs *kw);
/* int or bool to int64; else TypeError "'float' object cannot be interpreted as an integer". */
bool val_as_index(Interp *I, Value v, int64_t *out);
/* The iterable's items as a new list / tuple (list(x), tuple(x)). NULL: error pending. */
List *list_from_iter(Interp *I, Value iterable);
Value list_reversed_iter(Interp *I, List *l, bool from_list); /* iterator for reversed() */
Tuple *tuple_from_iter(Interp *I, Value iterable);
/* Stable in-place sort (list.sort and sorted()); key None/V_UNDEF means no key function. */
bool list_sort(Interp *I, List *l, Value key, bool reverse);
Range *range_new(Interp *I, int64_t start, int64_t stop, int64_t step); /* step != 0: caller checks */
int64_t range_len(int64_t start, int64_t stop, int64_t step);
Slice *slice_new(Interp *I, Value start, Value stop, Value step);       /* increfs its parts */
Cell *cell_new(Interp *I, Value v);                                     /* increfs v */
/* Python's PySlice_Unpack + PySlice_AdjustIndices for a sequence of length len: the items are
 * start, start+step, ... (count of them). ValueError "slice step cannot be zero"; TypeError
 * "slice indices must be integers or None or have an __index__ method". */
bool slice_indices(Interp *I, Slice *s, int64_t len, int64_t *start, int64_t *stop, int64_t *step, int64_t *count);
/* Dict: the key Str equal to the bytes s[0..len) whose str_hash is `hash` (BORROWED), or NULL. */
Str *dict_find_str_key(Dict *d, const char *s, size_t len, uint64_t hash);
/* Interp teardown: drop the intern table (strings still referenced elsewhere survive). */
void str_intern_free_all(Interp *I);
/* Python's round(x, ndigits): correctly rounded, half-even on the exact binary value.
 * Returns inf when the rounded value overflows (round() raises OverflowError then). */
double fmt_round_half_even(double x, int ndigits);

/* ---- string builder (strbuf.c) ---------------------------------------------------- */
struct StrBuf {
    char *data;   /* always NUL-terminated when len > 0 or cap > 0 */
    size_t len, cap;
    bool oom;     /* an append failed; the builder keeps accepting and ignoring */
};
void sb_init(StrBuf *sb);
void sb_free(StrBuf *sb);
void sb_putc(StrBuf *sb, char c);
void sb_puts(StrBuf *sb, const char *s);
void sb_putn(StrBuf *sb, const char *s, size_t n);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Value sb_to_str(Interp *I, StrBuf *sb);    /* new Str from contents; frees the builder; VAL_ERR on OOM */

/* ---- number formatting (format.c): exactly Python's ------------------------------- */
void fmt_float_repr(StrBuf *sb, double x);     /* repr(float): shortest round-trip, '1e+16', 'inf', 'nan' */
/* Python's format-spec mini-language applied to an int / float / string.
 * false + ValueError pending on a bad spec ("Unknown format code 'x' for object of type 'float'"). */
bool fmt_int_spec(Interp *I, StrBuf *sb, int64_t x, const char *spec, size_t n);
bool fmt_float_spec(Interp *I, StrBuf *sb, double x, const char *spec, size_t n);
bool fmt_str_spec(Interp *I, StrBuf *sb, const char *s, size_t len, const char *spec, size_t n);

/* ---- native argument parsing (native.c) ------------------------------------------ */
/* Bind argc/argv/kw of a call to `nparams` named parameters in `names`, writing BORROWED
 * values into out[] (V_UNDEF for parameters not given). The first `nrequired` are
 * required. Errors in Python's words: "len() takes exactly one argument (2 given)",
 * "f() got an unexpected keyword argument 'x'", "f() missing required argument: 'x'". */
bool nat_args(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw,
              int nparams, const char *const *names, int nrequired, Value *out);
/* Positional-only builtins (CPython's _PyArg_CheckPositional): "divmod expected 2 arguments, got 1" */
bool nat_positional(Interp *I, const char *fname, int argc, const KwArgs *kw, int min, int max);
Value native_new(Interp *I, const MethodDef *def, Value self); /* builtin or bound method */

#endif
