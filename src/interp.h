/* interp.h — the interpreter state, pending exceptions, modules, and the API the command
 * line and the REPL drive (prefixes interp_, err_, module_).
 *
 * Errors propagate by return value (VAL_ERR / false / -1 / NULL); the exception itself
 * lives in I->err until reported or cleared. Nothing longjmps. */
#ifndef AG_INTERP_H
#define AG_INTERP_H
#include <signal.h>
#include <stdio.h>
#include "ast.h"
#include "value.h"

typedef enum {
#define EXC(name, parent) EXC_##name,
#include "exc.def"
#undef EXC
    EXC__COUNT
} ExcKind;
extern const char *const exc_name[EXC__COUNT];
bool exc_matches(ExcKind kind, ExcKind base); /* kind is base or a subclass of it */

/* One line of the call chain: where a call was made (most recent last when printed). */
typedef struct TraceEntry {
    Source *src;   /* one reference */
    Span span;     /* the expression being evaluated in that frame */
    Str *func;     /* "<module>" or the function name; one reference */
} TraceEntry;

typedef struct Err {
    bool pending;
    ExcKind kind;
    char *msg;          /* mem_strndup'd, may be "" */
    char *hint;         /* NULL, or a line telling the learner what to do */
    int ntrace, cap;    /* call chain, innermost appended first as frames unwind */
    TraceEntry *trace;
    bool located;       /* the innermost frame has recorded its position */
    int64_t omitted;    /* frames not kept once the chain reached its cap (deep recursion) */
    Value exc;          /* V_UNDEF, or the exception object (exc.h) when ag code made or saw it; one reference */
} Err;

/* Set the pending exception (replacing any previous one). Always returns VAL_ERR so that
 * `return err_raise(I, EXC_TypeError, "...");` works in Value-returning functions. */
Value err_raise(Interp *I, ExcKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Value err_hint(Interp *I, const char *fmt, ...) __attribute__((format(printf, 2, 3))); /* add a hint line to the pending error */
Value err_nomem(Interp *I);        /* MemoryError; allocates nothing */
/* KeyError(key) as Python raises it: str() is the key's repr, e.args == (key,) (exc.c). */
Value exc_raise_key(Interp *I, Value key);
/* numpy.AxisError(axis, ndim): "axis 3 is out of bounds for array of dimension 2" (exc.c). */
Value exc_raise_axis(Interp *I, int64_t axis, int ndim);
bool err_pending(Interp *I);
bool err_is(Interp *I, ExcKind base);
void err_clear(Interp *I);
/* Called by the evaluator as an error unwinds through a frame: records (src, span, func)
 * once per frame. */
void err_add_trace(Interp *I, Source *src, Span span, Str *func);

/* Ctrl-C: the SIGINT handler sets this; the evaluator polls it at loop back-edges and calls
 * (and long kernels may poll it) and raises KeyboardInterrupt. */
extern volatile sig_atomic_t ag_interrupted;

/* ---- modules ---------------------------------------------------------------------- */
/* A module's globals are slots: the resolver maps each global name to an index once,
 * so the evaluator reads module->slots[i] instead of hashing a string on every access. */
typedef struct Module {
    Obj h;
    Str *name;
    Dict *index;      /* interned name -> V_INT slot number */
    Value *slots;     /* V_UNDEF when unbound */
    int nslots, cap;
    Str **slot_names; /* [nslots] borrowed from index keys */
    uint64_t serial;  /* unique per module made in this process: `torch.f` call sites cache
                       * (serial, slot), as slots never move or go */
} Module;
extern const ObjClass module_class;
Module *module_new(Interp *I, const char *name);
int module_slot(Interp *I, Module *m, Str *name);                  /* find or create; -1 on OOM */
bool module_set(Interp *I, Module *m, const char *name, Value v);  /* increfs v */
Value module_get(Module *m, Str *name);                            /* borrowed; V_UNDEF */
bool module_add_natives(Interp *I, Module *m, const MethodDef *defs);

/* A native module: `import NAME` builds it once with init and caches it. The table of
 * native modules is in eval.c; tensor code registers "_tensor" there. */
typedef Module *(*NativeModuleInit)(Interp *I);

/* The interpreter. One per process in practice, but passed explicitly everywhere.
 * Subsystems keep private state behind their own pointer. */
struct Interp {
    Err err;
    Dict *interned;          /* str.c: the intern table (Str -> same Str) */
    Module *builtins;        /* eval.c / builtins.c */
    Module *main_mod;        /* __main__ */
    Dict *modules;           /* import cache: name -> Module */
    Source *cur_src;         /* evaluator's current position (borrowed), for errors and the tape */
    Span cur_span;
    int depth, recursion_limit;   /* RecursionError when depth > recursion_limit (1000) */
    char *stack_base;        /* address of a local in main(); the evaluator compares against it */
    size_t stack_budget;     /* bytes of C stack the evaluator may use (see RECIPES.md) */
    int argc;                /* script arguments (argv[0] is the script name) */
    char **argv;
    int64_t step_budget;     /* 0 = unlimited; else loop back-edges + calls left before RuntimeError (fuzzing) */
    int64_t max_tensor_elems; /* 0 = unlimited; else larger tensors are a MemoryError (fuzzing) */
    int exit_code;           /* the status a pending SystemExit asks for */
    void *eval_state;        /* private to eval.c */
    void *tensor_state;      /* private to tensor code */
    void *class_state;       /* private to class.c: interned dunder names */
    ObjLink containers;      /* value.c: every live list and dict (obj_track) */
    int64_t gc_new, gc_next;  /* gc.c: objects registered since the last collection, and how many start one */
    bool gc_due;             /* a collection should run at the next loop back-edge */
};

/* ---- running code ----------------------------------------------------------------- */
typedef enum {
    EXEC_FILE,   /* a script: nothing echoed */
    EXEC_REPL,   /* one REPL entry: echo the repr of each expression statement that is not None, bind _ */
    EXEC_PASTE,  /* a pasted block: like a notebook cell, echo only a final expression statement */
} ExecMode;
typedef enum {
    RUN_OK,
    RUN_ERROR,        /* reported on stderr already (stdout flushed first) */
    RUN_INCOMPLETE,   /* REPL modes: the text ends inside an open block, bracket or string */
    RUN_INTERRUPTED,  /* KeyboardInterrupt reported */
    RUN_EXIT,         /* sys.exit() / exit(): the program asked to end with status I->exit_code */
} RunStatus;

Interp *interp_new(int argc, char **argv);   /* sys.argv-like script arguments; NULL on OOM */
void interp_free(Interp *I);
/* Parse, resolve and evaluate `text` in the __main__ module. Errors are printed to stderr. */
RunStatus interp_exec(Interp *I, const char *name, const char *text, size_t len, ExecMode mode);
Module *interp_main(Interp *I);              /* borrowed */
Module *interp_builtins(Interp *I);          /* borrowed */
/* Where the evaluator is now (the tape records it). *src borrowed; may be NULL. */
void interp_location(Interp *I, Source **src, Span *span);

#endif
