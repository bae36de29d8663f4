/* exc.h — exception objects and the exception classes (prefix exc_).
 *
 * A pending exception lives in I->err (kind, message, hint, call chain; interp.h). Most never
 * become objects: an error the runtime raises and nobody catches is printed from I->err. An
 * exception becomes an ExcObj when ag code can see it: `except E as e` takes it (exc_take),
 * `raise X` makes one pending (exc_set_pending), a handler's error gets its __context__.
 *
 * The classes (ValueError, ...) are TypeObjs whose cls is &exc_class and whose exc_kind names
 * the row of exc.def; type(e), isinstance and `except` compare them by that hierarchy. A class
 * derived by ag code (class MyError(ValueError)) would keep `kind` = the nearest built-in base
 * and put its own class in `type`. */
#ifndef AG_EXC_H
#define AG_EXC_H
#include "eval.h"

typedef struct ExcObj {
    Obj h;
    ObjLink link;          /* registered (obj_track): e.args = (e,) and e.x = e are cycles */
    ExcKind kind;          /* the built-in class it is, or derives from */
    Value type;            /* its class (a TypeObj); one reference */
    Tuple *args;           /* one reference */
    Str *text;             /* str(e) when the runtime gave a message its args cannot make; or NULL */
    char *hint;            /* the learner's hint line of a runtime error (never part of str(e)); or NULL */
    Value cause, context;  /* None or an ExcObj; one reference each */
    bool suppress_context; /* `raise X from Y` sets it: the report shows the cause, not the context */
    Dict *attrs;           /* attributes set by ag code (e.note = ...), or NULL */
    TraceEntry *trace;     /* the call chain it was caught with, innermost first; owned */
    int ntrace, tcap;
    int64_t omitted;
} ExcObj;
extern const ObjClass exc_class;

/* Bind BaseException, Exception, ValueError, ... (every row of exc.def) in builtins. */
bool exc_add_types(Interp *I, Module *builtins);
/* The class of a kind (borrowed), or V_UNDEF before exc_add_types ran. */
Value exc_type(Interp *I, ExcKind kind);
bool exc_is_class(Value v);                       /* an exception class, built in or derived by ag code */
bool exc_isinstance(Value x, const TypeObj *t);   /* isinstance(x, t) for an exception class t */
bool exc_issubclass(Interp *I, Value sub, const TypeObj *t); /* issubclass(sub, t) for an exception class t */
/* A class derived by ag code from an exception class (class MyError(ValueError)): its twin
 * (a ClassObj standing for the TypeObj among the bases; borrowed, V_UNDEF + error on failure),
 * its nearest built-in kind (-1: not an exception class), and calling it (class.c's class call
 * hands over: a new ExcObj whose type is klass, then klass's own __init__ if it has one). */
Value exc_twin(Interp *I, ExcKind kind);
int exc_class_kind(Interp *I, Value klass);
Value exc_instantiate(Interp *I, Value klass, int argc, const Value *argv, const KwArgs *kw);
/* Calling an exception class: ValueError("bad", 2). New ExcObj or VAL_ERR. */
Value exc_call(Interp *I, Value type, int argc, const Value *argv, const KwArgs *kw);

/* The pending exception as an object (made from I->err if it has none), which takes the call
 * chain and the hint; nothing is pending afterwards. New reference, or VAL_ERR (out of memory). */
Value exc_take(Interp *I);
/* Make e the pending exception. keep_trace: it continues with the call chain it was caught
 * with (bare `raise`, or an exception that no handler matched); else the chain starts afresh. */
void exc_set_pending(Interp *I, Value e, bool keep_trace);
/* The pending exception was raised while `handled` was being handled: make it its __context__
 * unless it has one (or it is `handled` itself). Out of memory loses the context, not the error. */
void exc_set_context(Interp *I, Value handled);
/* Does exception e match the `except` clause class (or tuple of classes) cls? 1, 0, or -1 with
 * TypeError pending (cls is not an exception class). */
int exc_match(Interp *I, Value e, Value cls);
/* The uncaught report's preamble: the reports of the exceptions exc was raised from
 * (__cause__) or while handling (__context__), oldest first, each with CPython's separator. */
void exc_print_chain(Interp *I, FILE *f, Value exc);
/* The name the uncaught report gives exception object exc: ValueError, MyError for a class of
 * __main__, numpy.linalg.LinAlgError for a class of another module (buf holds it then). */
const char *exc_report_name(Interp *I, Value exc, char *buf, size_t n);
/* The `traceback` module: print_exc, format_exc, print_exception. */
Module *exc_traceback_init(Interp *I);
/* sys.exc_info() (builtins.c's sys table). */
Value exc_sys_exc_info(Interp *I, int argc, const Value *argv, const KwArgs *kw);

#endif
