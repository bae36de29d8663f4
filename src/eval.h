/* eval.h — the tree-walking evaluator, function objects, type objects (prefix eval_).
 *
 * The evaluator walks the Ast that resolve.c annotated: locals live in an array indexed by
 * slot, globals in Module slots, captured variables in Cells. Errors propagate by return
 * value (VAL_ERR, see value.h); each frame records its innermost position once with
 * err_add_trace as an error unwinds. */
#ifndef AG_EVAL_H
#define AG_EVAL_H
#include "interp.h"

/* A user function (def or lambda). */
typedef struct Func {
    Obj h;
    Node *node;           /* N_DEF or N_LAMBDA; lives in an Ast kept until interp_free */
    FuncInfo *info;
    int nparams;          /* all parameters; the last nkwonly are keyword-only */
    int nkwonly;
    Param *params;
    Str *name, *qualname; /* one reference each */
    Str *doc;             /* borrowed from the Ast, or NULL */
    Module *globals;      /* borrowed: modules live until interp_free */
    Source *src;          /* one reference */
    Value *defaults;      /* [nparams], V_UNDEF where the parameter has none */
    struct Cell **free;   /* [info->nfree] captured cells, one reference each */
    struct Cell *class_cell; /* defined in a class body (or inside such a method): the cell that
                              * holds the class once made, for super(); one reference, or NULL */
    Dict *attrs;          /* attributes set by ag code (f.calls = 0, functools.wraps), or NULL */
    struct Func *prev, *next; /* every live function, so interp_free can break cycles */
} Func;
extern const ObjClass func_class;

/* A type object: what int, float, str, ... are bound to, and what type(x) returns. */
typedef struct TypeObj {
    Obj h;
    const char *name;     /* "int" */
    const ObjClass *cls;  /* instances' class for object types, or NULL */
    int vkind;            /* V_INT, V_FLOAT, V_BOOL, V_NONE for immediate types, else -1 */
    const MethodDef *def; /* constructor row of the builtins table (call, :help), or NULL */
    int exc_kind;         /* ExcKind of an exception class; set and read only when cls == &exc_class */
} TypeObj;
extern const ObjClass type_class;

/* Private state of the evaluator (I->eval_state). */
typedef struct EvalState {
    Func funcs;             /* sentinel of the list of live functions (funcs.next) */
    Ast **asts;             /* every Ast whose nodes may still be referenced */
    int nasts, capasts;
    TypeObj **types;        /* type objects, static ones first, then made on demand */
    int ntypes, captypes;
    Str *s_module, *s_lambda, *s_genexpr, *s_underscore;
    bool in_module_exec;
    Value handling;         /* the exception an except/finally block is handling (bare raise, __context__), or V_UNDEF */
    Value exc_twin[EXC__COUNT]; /* exc.c: the class twin (a ClassObj) of each exception class, made when a class derives from it */
} EvalState;

/* Attribute read with Python's fallbacks: class getattr slot, then its methods table
 * (bound native method), then AttributeError with a "Did you mean" suggestion. */
Value eval_getattr(Interp *I, Value obj, Str *name);
bool eval_setattr(Interp *I, Value obj, Str *name, Value v); /* v borrowed */
/* Call the method `name` of self (methods table or getattr). */
Value eval_call_method(Interp *I, Value self, const char *name, int argc, const Value *argv, const KwArgs *kw);
/* type(v): a new reference to its type object. */
Value eval_type_of(Interp *I, Value v);
/* Register a type object (takes the reference). */
bool eval_add_type(Interp *I, TypeObj *t);
/* Parse, resolve and run `text` as the body of module m (used by imports).
 * false: error pending (syntax errors are raised as SyntaxError). */
bool eval_run_module(Interp *I, Module *m, const char *srcname, const char *text, size_t len);
/* CPython 3.11's "Did you mean" choice among candidates; NULL if none. */
Str *eval_suggest(Str *name, Str *const *cands, int n);

/* gc.c: free the registered objects only cycles keep alive (run at loop back-edges when
 * I->gc_due says enough objects were registered since the last run). */
void gc_collect(Interp *I);

/* builtins.c */
Module *bi_create(Interp *I);               /* the builtins module; NULL on error */
Module *bi_sys_init(Interp *I);
Module *bi_math_init(Interp *I);
Module *bi_time_init(Interp *I);
extern const MethodDef bi_table[];
Value bi_globals(Interp *I, int argc, const Value *argv, const KwArgs *kw); /* bound to a module by slow_global */          /* every builtin function with sig and doc */

/* random.c */
Module *rnd_module_init(Interp *I);         /* the `random` module (CPython's Mersenne Twister) */

/* iterfn.c */
Module *itf_module_init(Interp *I);         /* `_iterfn`: lazy iterators driven by a closure (itertools.ag) */

/* deque.c */
Value dq_construct(Interp *I, int argc, const Value *argv, const KwArgs *kw); /* collections.deque(iterable=(), maxlen=None) */

/* import.c */
/* `import a.b.c`: the module (or attribute) named by the dotted path; new reference. */
Value import_dotted(Interp *I, Str *dotted);
/* The top-level module of a dotted path (what `import a.b` binds to a); new reference. */
Value import_top(Interp *I, Str *dotted);
/* Called on interp_free: clear every module's slots (breaks module <-> function cycles). */
void import_clear_modules(Interp *I);
#endif
