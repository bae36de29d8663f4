/* exc.c — exception objects and the exception classes (prefix exc_). See exc.h. */
#include "exc.h"
#include <stdlib.h>
#include <string.h>
#include "class.h"
#include "diag.h"
#include "mem.h"

#define ES(I) ((EvalState *)(I)->eval_state)

static ExcObj *as_exc(Value v) { return (ExcObj *)AS_OBJ(v); }
/* args is NULL only once the session's end has cleared the object */
static int64_t nargs(const ExcObj *e) { return e->args ? e->args->len : 0; }

static void trace_release(TraceEntry *t, int n, int cap) {
    for (int i = 0; i < n; i++) {
        src_decref(t[i].src);
        if (t[i].func) obj_decref(&t[i].func->h);
    }
    mem_free(t, sizeof(TraceEntry) * (size_t)cap);
}

_Static_assert(offsetof(ExcObj, link) == offsetof(List, link), "registered containers link at one offset");

/* A __cause__ / __context__ chain can be as long as a loop made it (raise ... from previous):
 * freeing one exception that frees the next must not recurse once per link. Exceptions to free
 * queue up (on their unused link) and the outermost exc_free frees them one after the other. */
static ExcObj *free_queue;
static bool freeing;

static void exc_free(Obj *o) {
    ExcObj *e = (ExcObj *)o;
    obj_untrack(&e->link);
    e->link.next = (ObjLink *)free_queue;
    free_queue = e;
    if (freeing) return;
    freeing = true;
    while (free_queue) {
        e = free_queue;
        free_queue = (ExcObj *)e->link.next;
        val_decref(e->type);
        if (e->args) obj_decref(&e->args->h);
        if (e->text) obj_decref(&e->text->h);
        mem_strfree(e->hint);
        val_decref(e->cause);
        val_decref(e->context);
        if (e->attrs) obj_decref(&e->attrs->h);
        if (e->trace) trace_release(e->trace, e->ntrace, e->tcap);
        obj_dealloc(&e->h, sizeof(ExcObj));
    }
    freeing = false;
}

/* Session end (obj_break_cycles): drop everything that could lead back to this object. */
static void exc_clear(Obj *o) {
    ExcObj *e = (ExcObj *)o;
    Tuple *args = e->args;
    Dict *attrs = e->attrs;
    Value cause = e->cause, context = e->context;
    e->args = NULL;
    e->attrs = NULL;
    e->cause = e->context = VAL_NONE;
    if (args) obj_decref(&args->h);
    if (attrs) obj_decref(&attrs->h);
    val_decref(cause);
    val_decref(context);
}

/* The cycle collector (gc.c): what this exception holds itself (its args tuple is not registered,
 * so a cycle through args lasts until the session's end, as any tuple's would). */
static void exc_traverse(Obj *o, void (*visit)(Value v, void *ctx), void *ctx) {
    ExcObj *e = (ExcObj *)o;
    visit(e->type, ctx);
    visit(e->cause, ctx);
    visit(e->context, ctx);
    if (e->attrs) visit(val_obj(e->attrs), ctx);
}

static const char *type_label(Value self) {
    Value t = as_exc(self)->type;
    if (IS_A(t, type_class)) return ((TypeObj *)AS_OBJ(t))->name;
    if (IS_CLASS(t)) return ((ClassObj *)AS_OBJ(t))->name->data;
    return exc_name[as_exc(self)->kind];
}

/* A method a class derived by ag code gives its instances (its __str__, say), bound to self;
 * V_UNDEF when it has none of its own (the twin's natives below are not its own). */
static Value m_init(Interp *I, int argc, const Value *argv, const KwArgs *kw);
static Value m_str(Interp *I, int argc, const Value *argv, const KwArgs *kw);
static Value m_repr(Interp *I, int argc, const Value *argv, const KwArgs *kw);
static Value own_method(Interp *I, Value self, const char *name, NativeFn builtin) {
    Value t = as_exc(self)->type;
    if (!IS_CLASS(t)) return VAL_UNDEF;
    Str *s = str_intern(I, name, strlen(name));
    if (!s) return VAL_ERR;
    Value m = cls_class_attr(I, t, s, self);
    obj_decref(&s->h);
    if (IS_A(m, native_class) && ((Native *)AS_OBJ(m))->def->fn == builtin) {
        val_decref(m);
        return VAL_UNDEF;
    }
    return m;
}

/* Call an overriding __str__ / __repr__ and append what it returns (a str). */
static bool call_own(Interp *I, StrBuf *sb, Value m, const char *what) {
    Value r = val_call(I, m, 0, NULL, NULL);
    val_decref(m);
    return cls_str_result(I, sb, r, what);
}

/* BaseException.__repr__: Name('x') for one argument, else Name + repr(args) */
static bool base_repr(Interp *I, StrBuf *sb, Value self) {
    ExcObj *e = as_exc(self);
    sb_puts(sb, type_label(self));
    if (!e->args) return (sb_puts(sb, "()"), true);
    if (e->args->len == 1) {
        sb_putc(sb, '(');
        if (!val_repr(I, sb, e->args->items[0])) return false;
        sb_putc(sb, ')');
        return true;
    }
    return val_repr(I, sb, val_obj(e->args));
}

/* BaseException.__str__: '' / str(arg) / str(args); KeyError shows its one key's repr */
static bool base_str(Interp *I, StrBuf *sb, Value self) {
    ExcObj *e = as_exc(self);
    if (e->text) { sb_putn(sb, e->text->data, (size_t)e->text->len); return true; }
    if (nargs(e) == 0) return true;
    if (e->args->len == 1) {
        if (exc_matches(e->kind, EXC_KeyError)) return val_repr(I, sb, e->args->items[0]);
        return val_str_into(I, sb, e->args->items[0]);
    }
    return val_repr(I, sb, val_obj(e->args));
}

static bool exc_repr(Interp *I, StrBuf *sb, Value self) {
    Value m = own_method(I, self, "__repr__", m_repr);
    if (IS_ERR(m)) return false;
    return IS_UNDEF(m) ? base_repr(I, sb, self) : call_own(I, sb, m, "__repr__");
}

static bool exc_str(Interp *I, StrBuf *sb, Value self) {
    Value m = own_method(I, self, "__str__", m_str);
    if (IS_ERR(m)) return false;
    return IS_UNDEF(m) ? base_str(I, sb, self) : call_own(I, sb, m, "__str__");
}

static Value none_or_new(Value v) { return IS_UNDEF(v) ? VAL_NONE : val_incref(v); }

static Value exc_getattr(Interp *I, Value self, Str *name) {
    ExcObj *e = as_exc(self);
    const char *n = name->data;
    if (!strcmp(n, "args")) {
        if (e->args) return val_incref(val_obj(e->args));
        Tuple *t = tuple_new(I, 0);
        return t ? val_obj(t) : VAL_ERR;
    }
    if (!strcmp(n, "__class__")) return val_incref(e->type);
    if (!strcmp(n, "__cause__")) return val_incref(e->cause);
    if (!strcmp(n, "__context__")) return val_incref(e->context);
    if (!strcmp(n, "__suppress_context__")) return val_bool(e->suppress_context);
    if (!strcmp(n, "__traceback__")) return VAL_NONE;
    if (e->attrs) {
        Value v = dict_get_str(e->attrs, name);
        if (!IS_UNDEF(v)) return val_incref(v);
    }
    if (IS_CLASS(e->type)) { /* methods and class attributes of a class derived by ag code */
        Value m = cls_class_attr(I, e->type, name, self);
        if (!IS_UNDEF(m)) return m;
    }
    /* StopIteration.value and SystemExit.code: the first argument (SystemExit: all of them) */
    if (e->kind == EXC_StopIteration && !strcmp(n, "value"))
        return nargs(e) ? val_incref(e->args->items[0]) : VAL_NONE;
    if (e->kind == EXC_SystemExit && !strcmp(n, "code")) {
        if (nargs(e) > 1) return val_incref(val_obj(e->args));
        return nargs(e) ? none_or_new(e->args->items[0]) : VAL_NONE;
    }
    return VAL_UNDEF;
}

static bool is_exc_or_none(Value v) { return IS_NONE(v) || IS_A(v, exc_class); }

static bool exc_setattr(Interp *I, Value self, Str *name, Value v) {
    ExcObj *e = as_exc(self);
    const char *n = name->data;
    if (!strcmp(n, "args")) {
        Tuple *t = tuple_from_iter(I, v);
        if (!t) return false;
        if (e->args) obj_decref(&e->args->h);
        e->args = t;
        if (e->text) { obj_decref(&e->text->h); e->text = NULL; }
        return true;
    }
    if (!strcmp(n, "__cause__") || !strcmp(n, "__context__")) {
        bool cause = n[2] == 'c' && n[3] == 'a';
        if (!is_exc_or_none(v)) {
            err_raise(I, EXC_TypeError, "exception %s must be None or derive from BaseException",
                      cause ? "cause" : "context");
            return false;
        }
        Value *slot = cause ? &e->cause : &e->context;
        val_incref(v);
        val_decref(*slot);
        *slot = v;
        if (cause) e->suppress_context = true;
        return true;
    }
    if (!strcmp(n, "__suppress_context__")) {
        int t = val_truth(I, v);
        if (t < 0) return false;
        e->suppress_context = t;
        return true;
    }
    if (!strcmp(n, "__traceback__")) {
        if (IS_NONE(v)) return true;
        err_raise(I, EXC_TypeError, "__traceback__ must be a traceback or None");
        return false;
    }
    if (!e->attrs && !(e->attrs = dict_new(I))) return false;
    return dict_set(I, e->attrs, val_obj(name), v);
}

static bool exc_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}

static Value m_with_traceback(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "with_traceback", argc - 1, kw, 1, 1)) return VAL_ERR;
    return val_incref(argv[0]);
}

static const MethodDef exc_methods[] = {
    {"with_traceback", m_with_traceback, "e.with_traceback(tb)", "Return the exception itself (ag keeps no traceback objects)."},
    /* Exception.__init__(self, msg) in a derived class's __init__, e.__str__() */
    {"__init__", m_init, "BaseException.__init__(self, *args)", "Set self.args to the arguments."},
    {"__str__", m_str, "BaseException.__str__(self)", "'' for no arguments, str(arg) for one, str(args) for more."},
    {"__repr__", m_repr, "BaseException.__repr__(self)", "Name(args...)."},
    {NULL, NULL, NULL, NULL},
};

const ObjClass exc_class = {
    .name = "BaseException",
    .free = exc_free,
    .repr = exc_repr,
    .str = exc_str,
    .getattr = exc_getattr,
    .setattr = exc_setattr,
    .hash = exc_hash,
    .methods = exc_methods,
    .type_name = type_label,
    .clear = exc_clear,
    .traverse = exc_traverse,
};

/* ---- classes ------------------------------------------------------------------------------ */
static bool derived_class(Value v) {
    if (!IS_CLASS(v)) return false;
    ClassObj *c = (ClassObj *)AS_OBJ(v);
    for (int i = 0; i < c->nmro; i++)
        if (c->mro[i]->peer == &exc_class) return true;
    return false;
}

bool exc_is_class(Value v) {
    return (IS_A(v, type_class) && ((TypeObj *)AS_OBJ(v))->cls == &exc_class) || derived_class(v);
}

/* Does a class derived by ag code have the built-in exception class k among its ancestors? Its
 * twins (the mro entries whose peer is exc_class) are named as the classes they stand for; with
 * several bases (class AxisError(ValueError, IndexError)) any of them may be the one. */
static bool derives_from_kind(const ClassObj *c, ExcKind k) {
    for (int i = 0; i < c->nmro; i++) {
        if (c->mro[i]->peer != &exc_class) continue;
        for (int j = 0; j < EXC__COUNT; j++)
            if (!strcmp(exc_name[j], c->mro[i]->name->data) && exc_matches((ExcKind)j, k)) return true;
    }
    return false;
}

bool exc_isinstance(Value x, const TypeObj *t) {
    if (!IS_A(x, exc_class)) return false;
    Value type = as_exc(x)->type;
    if (IS_CLASS(type)) return derives_from_kind((ClassObj *)AS_OBJ(type), (ExcKind)t->exc_kind);
    return exc_matches(as_exc(x)->kind, (ExcKind)t->exc_kind);
}

Value exc_type(Interp *I, ExcKind kind) {
    EvalState *es = ES(I);
    if (!es) return VAL_UNDEF; /* a bare Interp (unit tests of the value layer) */
    for (int i = 0; i < es->ntypes; i++) {
        TypeObj *t = es->types[i];
        if (t->cls == &exc_class && t->exc_kind == (int)kind) return val_obj(t);
    }
    return VAL_UNDEF;
}

bool exc_add_types(Interp *I, Module *b) {
    for (int k = 0; k < EXC__COUNT; k++) {
        TypeObj *t = obj_new(I, &type_class, sizeof(TypeObj));
        if (!t) return false;
        t->name = exc_name[k];
        t->cls = &exc_class;
        t->vkind = -1;
        t->def = NULL;
        t->exc_kind = k;
        if (!module_set(I, b, t->name, val_obj(t))) { obj_decref(&t->h); return false; }
        if (!eval_add_type(I, t)) return false;
    }
    return true;
}

/* A new exception of class type (kind: its built-in class or base) with args (referenced). */
static ExcObj *exc_new(Interp *I, Value type, ExcKind kind, Tuple *args) {
    ExcObj *e = obj_new(I, &exc_class, sizeof(ExcObj));
    if (!e) return NULL;
    memset((char *)e + sizeof(Obj), 0, sizeof(ExcObj) - sizeof(Obj));
    obj_track(I, &e->link);
    e->kind = kind;
    e->type = val_incref(type);
    obj_incref(&args->h);
    e->args = args;
    e->cause = VAL_NONE;
    e->context = VAL_NONE;
    return e;
}

Value exc_call(Interp *I, Value type, int argc, const Value *argv, const KwArgs *kw) {
    TypeObj *t = (TypeObj *)AS_OBJ(type);
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", t->name);
    Tuple *args = tuple_new(I, argc);
    if (!args) return VAL_ERR;
    for (int i = 0; i < argc; i++) args->items[i] = val_incref(argv[i]);
    ExcObj *e = exc_new(I, type, (ExcKind)t->exc_kind, args);
    obj_decref(&args->h);
    return e ? val_obj(e) : VAL_ERR;
}

/* The pending error as an object, made from its kind and message if it has none. A KeyError's
 * message is its key's repr already (exc_raise_key makes the ones that carry the key). */
static ExcObj *from_err(Interp *I, Err *er) {
    if (!IS_UNDEF(er->exc)) return as_exc(er->exc);
    Value type = exc_type(I, er->kind);
    bool has_msg = er->msg && er->msg[0];
    /* sys.exit(3) leaves only its status: SystemExit(3) */
    bool status = er->kind == EXC_SystemExit && !has_msg && I->exit_code != 0;
    Tuple *args = tuple_new(I, has_msg || status ? 1 : 0);
    if (!args) return NULL;
    if (status) args->items[0] = val_int(I->exit_code);
    if (has_msg) {
        Value m = val_str(I, er->msg, strlen(er->msg));
        if (IS_ERR(m)) { obj_decref(&args->h); return NULL; }
        args->items[0] = m;
    }
    ExcObj *e = exc_new(I, IS_UNDEF(type) ? VAL_NONE : type, er->kind, args);
    obj_decref(&args->h);
    if (!e) return NULL;
    if (has_msg && exc_matches(er->kind, EXC_KeyError)) {
        e->text = (Str *)AS_OBJ(args->items[0]);
        obj_incref(&e->text->h);
    }
    er->exc = val_obj(e);
    return e;
}

Value exc_take(Interp *I) {
    Err *er = &I->err;
    if (!er->pending) return err_raise(I, EXC_RuntimeError, "no exception to take");
    ExcObj *e = from_err(I, er);
    if (!e) return VAL_ERR;
    Value v = er->exc; /* the Err's reference becomes the caller's */
    er->exc = VAL_UNDEF;
    if (e->trace) trace_release(e->trace, e->ntrace, e->tcap);
    e->trace = er->trace;
    e->ntrace = er->ntrace;
    e->tcap = er->cap;
    e->omitted = er->omitted;
    er->trace = NULL;
    er->ntrace = er->cap = 0;
    if (er->hint) {
        mem_strfree(e->hint);
        e->hint = er->hint;
        er->hint = NULL;
    }
    err_clear(I);
    return v;
}

/* sys.exit's rules for SystemExit(code): None -> 0, an int -> itself, else printed and 1. */
static int exit_status(Interp *I, ExcObj *e, bool *print) {
    *print = false;
    if (nargs(e) == 0) return 0;
    Value c = e->args->len == 1 ? e->args->items[0] : val_obj(e->args);
    if (IS_NONE(c)) return 0;
    if (IS_INT(c)) return (int)c.as.i;
    if (IS_BOOL(c)) return c.as.b;
    *print = true;
    return 1;
}

void exc_set_pending(Interp *I, Value ev, bool keep_trace) {
    ExcObj *e = as_exc(ev);
    StrBuf sb;
    sb_init(&sb);
    bool print = true;
    if (e->kind == EXC_SystemExit) I->exit_code = exit_status(I, e, &print);
    if (print && !val_str_into(I, &sb, ev)) {
        if (err_is(I, EXC_MemoryError)) { sb_free(&sb); return; } /* that is the error now */
        err_clear(I);
        sb_free(&sb);
        sb_init(&sb);
        sb_puts(&sb, "<exception str() failed>");
    }
    if (sb.oom) { sb_free(&sb); err_nomem(I); return; }
    char *msg = mem_strndup(sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    char *hint = e->hint ? mem_strndup(e->hint, strlen(e->hint)) : NULL;
    TraceEntry *t = NULL;
    int n = keep_trace ? e->ntrace : 0;
    if (n) {
        t = mem_alloc(sizeof(TraceEntry) * (size_t)n);
        if (!t) n = 0; /* the chain is a courtesy: lose it rather than the error */
        for (int i = 0; i < n; i++) {
            t[i] = e->trace[i];
            src_incref(t[i].src);
            if (t[i].func) obj_incref(&t[i].func->h);
        }
    }
    if (!msg || (e->hint && !hint)) {
        mem_strfree(msg);
        mem_strfree(hint);
        if (t) trace_release(t, n, n);
        err_nomem(I);
        return;
    }
    val_incref(ev);
    err_clear(I);
    Err *er = &I->err;
    er->pending = true;
    er->kind = e->kind;
    er->msg = msg;
    er->hint = hint;
    er->exc = ev;
    if (n) {
        er->trace = t;
        er->ntrace = er->cap = n;
        er->omitted = e->omitted;
        er->located = true; /* this frame's line is in the chain already */
    }
}

void exc_set_context(Interp *I, Value handled) {
    if (!I->err.pending || !IS_A(handled, exc_class)) return;
    Err saved = I->err; /* making the object may fail: then keep the error without a context */
    memset(&I->err, 0, sizeof I->err);
    ExcObj *e = from_err(I, &saved);
    err_clear(I);
    I->err = saved;
    if (!e) return;
    if (&e->h == AS_OBJ(handled) || !IS_NONE(e->context)) return;
    /* no cycles: if e is already in handled's context chain, that link goes (as CPython does) */
    for (ExcObj *c = as_exc(handled); IS_A(c->context, exc_class);) {
        ExcObj *next = as_exc(c->context);
        if (next == e) {
            val_decref(c->context);
            c->context = VAL_NONE;
            break;
        }
        c = next;
    }
    e->context = val_incref(handled);
}

static int match_one(Interp *I, Value ev, Value cls) {
    if (IS_A(cls, type_class) && ((TypeObj *)AS_OBJ(cls))->cls == &exc_class)
        return exc_isinstance(ev, (TypeObj *)AS_OBJ(cls));
    if (derived_class(cls)) {
        int k = exc_class_kind(I, cls);
        if (k >= 0 && AS_OBJ(ES(I)->exc_twin[k]) == AS_OBJ(cls)) return exc_matches(as_exc(ev)->kind, (ExcKind)k);
        return IS_CLASS(as_exc(ev)->type) && cls_issubclass(as_exc(ev)->type, cls);
    }
    err_raise(I, EXC_TypeError, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
}

int exc_match(Interp *I, Value ev, Value cls) {
    if (!IS_A(cls, tuple_class)) return match_one(I, ev, cls);
    Tuple *t = (Tuple *)AS_OBJ(cls); /* one level: CPython does not look into nested tuples */
    for (int64_t i = 0; i < t->len; i++) {
        int r = match_one(I, ev, t->items[i]);
        if (r) return r;
    }
    return 0;
}

Value exc_raise_key(Interp *I, Value key) {
    Value type = exc_type(I, EXC_KeyError);
    Tuple *args = tuple_new(I, 1);
    if (!args) return VAL_ERR;
    args->items[0] = val_incref(key);
    ExcObj *e = exc_new(I, IS_UNDEF(type) ? VAL_NONE : type, EXC_KeyError, args);
    obj_decref(&args->h);
    if (!e) return VAL_ERR;
    exc_set_pending(I, val_obj(e), false);
    obj_decref(&e->h);
    return VAL_ERR;
}

/* ---- classes derived by ag code: class MyError(ValueError) -------------------------------------
 * A ClassObj cannot have a TypeObj among its bases, so each exception class gets a twin ClassObj
 * (same name, module builtins, its parent's twin as base, exc_class as its native peer) the
 * first time a class derives from it. Instances of such classes are ExcObjs whose type is the
 * derived class: its methods and class attributes are looked up along its mro (exc_getattr),
 * its own attributes live in attrs, its kind is the nearest built-in exception class. */
static const ExcKind exc_parent_of[EXC__COUNT] = {
#define EXC(name, parent) EXC_##parent,
#include "exc.def"
#undef EXC
};

/* BaseException.__init__(self, *args): e.args = args (what super().__init__(msg) calls). */
static Value m_init(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !IS_A(argv[0], exc_class))
        return err_raise(I, EXC_TypeError, "descriptor '__init__' requires a 'BaseException' object");
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", type_label(argv[0]));
    ExcObj *e = as_exc(argv[0]);
    Tuple *t = tuple_new(I, argc - 1);
    if (!t) return VAL_ERR;
    for (int i = 1; i < argc; i++) t->items[i - 1] = val_incref(argv[i]);
    if (e->args) obj_decref(&e->args->h);
    e->args = t;
    if (e->text) { obj_decref(&e->text->h); e->text = NULL; }
    return VAL_NONE;
}
static Value m_str(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__str__", argc, kw, 1, 1)) return VAL_ERR;
    if (!IS_A(argv[0], exc_class)) return err_raise(I, EXC_TypeError, "descriptor '__str__' requires a 'BaseException' object");
    StrBuf sb;
    sb_init(&sb);
    if (!base_str(I, &sb, argv[0])) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}
static Value m_repr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__repr__", argc, kw, 1, 1)) return VAL_ERR;
    if (!IS_A(argv[0], exc_class)) return err_raise(I, EXC_TypeError, "descriptor '__repr__' requires a 'BaseException' object");
    StrBuf sb;
    sb_init(&sb);
    if (!base_repr(I, &sb, argv[0])) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}
static const MethodDef twin_methods[] = {
    {"__init__", m_init, "BaseException.__init__(self, *args)", "Set self.args to the arguments."},
    {"__str__", m_str, "BaseException.__str__(self)", "'' for no arguments, str(arg) for one, str(args) for more."},
    {"__repr__", m_repr, "BaseException.__repr__(self)", "Name(args...)."},
    {NULL, NULL, NULL, NULL},
};

static bool twin_dict(Interp *I, Dict *d) {
    for (const MethodDef *m = twin_methods; m->name; m++) {
        Value f = native_new(I, m, VAL_UNDEF);
        if (IS_ERR(f)) return false;
        ((Native *)AS_OBJ(f))->owner = &cls_instance_class; /* binds to the instance, as object's natives */
        Str *k = str_intern(I, m->name, strlen(m->name));
        bool ok = k && dict_set(I, d, val_obj(k), f);
        if (k) obj_decref(&k->h);
        val_decref(f);
        if (!ok) return false;
    }
    return true;
}

Value exc_twin(Interp *I, ExcKind k) {
    EvalState *es = ES(I);
    if (!IS_UNDEF(es->exc_twin[k])) return es->exc_twin[k];
    Value base = VAL_UNDEF;
    if (k != EXC_BaseException && IS_UNDEF(base = exc_twin(I, exc_parent_of[k]))) return VAL_UNDEF;
    Dict *d = dict_new(I);
    Str *name = str_intern(I, exc_name[k], strlen(exc_name[k]));
    Str *mod = str_intern(I, "builtins", 8);
    Value c = VAL_ERR;
    if (d && name && mod && (k != EXC_BaseException || twin_dict(I, d)))
        c = cls_new(I, name, NULL, mod, IS_UNDEF(base) ? 0 : 1, &base, d);
    if (d) obj_decref(&d->h);
    if (name) obj_decref(&name->h);
    if (mod) obj_decref(&mod->h);
    if (IS_ERR(c)) return VAL_UNDEF;
    cls_set_native_peer(c, &exc_class);
    es->exc_twin[k] = c;
    return c;
}

int exc_class_kind(Interp *I, Value klass) {
    if (!derived_class(klass)) return -1;
    ClassObj *c = (ClassObj *)AS_OBJ(klass);
    for (int i = 0; i < c->nmro; i++) {
        if (c->mro[i]->peer != &exc_class) continue;
        for (int k = 0; k < EXC__COUNT; k++)
            if (!IS_UNDEF(ES(I)->exc_twin[k]) && AS_OBJ(ES(I)->exc_twin[k]) == &c->mro[i]->h) return k;
    }
    return -1;
}

bool exc_issubclass(Interp *I, Value sub, const TypeObj *t) {
    if (IS_A(sub, type_class) && ((TypeObj *)AS_OBJ(sub))->cls == &exc_class)
        return exc_matches((ExcKind)((TypeObj *)AS_OBJ(sub))->exc_kind, (ExcKind)t->exc_kind);
    return IS_CLASS(sub) && derives_from_kind((ClassObj *)AS_OBJ(sub), (ExcKind)t->exc_kind);
}

Value exc_instantiate(Interp *I, Value klass, int argc, const Value *argv, const KwArgs *kw) {
    int k = exc_class_kind(I, klass);
    if (k < 0) return err_raise(I, EXC_TypeError, "'%s' is not an exception class", val_type_name(klass));
    Tuple *args = tuple_new(I, argc);
    if (!args) return VAL_ERR;
    for (int i = 0; i < argc; i++) args->items[i] = val_incref(argv[i]);
    ExcObj *e = exc_new(I, klass, (ExcKind)k, args);
    obj_decref(&args->h);
    if (!e) return VAL_ERR;
    Value self = val_obj(e);
    Value init = own_method(I, self, "__init__", m_init);
    if (IS_UNDEF(init)) { /* BaseException.__new__ already set args */
        if (kw && kw->n) { obj_decref(&e->h); return err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", type_label(self)); }
        return self;
    }
    if (IS_ERR(init)) { obj_decref(&e->h); return VAL_ERR; }
    Value r = val_call(I, init, argc, argv, kw);
    val_decref(init);
    if (IS_ERR(r)) { obj_decref(&e->h); return r; }
    if (!IS_NONE(r)) {
        err_raise(I, EXC_TypeError, "__init__() should return None, not '%s'", val_type_name(r));
        val_decref(r);
        obj_decref(&e->h);
        return VAL_ERR;
    }
    return self;
}

const char *exc_report_name(Interp *I, Value exc, char *buf, size_t n) {
    Value t = as_exc(exc)->type;
    if (IS_CLASS(t)) {
        ClassObj *c = (ClassObj *)AS_OBJ(t);
        const char *m = c->module ? c->module->data : "__main__";
        /* the class body may say (LinAlgError: numpy.linalg); found without allocating, since
         * the report may be of a MemoryError */
        for (int64_t i = 0; i < c->dict->nentries; i++) {
            DictEntry *de = &c->dict->entries[i];
            if (IS_A(de->key, str_class) && !strcmp(((Str *)AS_OBJ(de->key))->data, "__module__") &&
                IS_A(de->val, str_class))
                m = ((Str *)AS_OBJ(de->val))->data;
        }
        if (strcmp(m, "__main__") && strcmp(m, "builtins")) {
            snprintf(buf, n, "%s.%s", m, c->qualname->data);
            return buf;
        }
    }
    return type_label(exc);
}

/* ---- the uncaught report's chain ------------------------------------------------------------ */
static void print_chain(Interp *I, FILE *f, ExcObj *e, int depth) {
    const char *sep;
    Value prev;
    if (!IS_NONE(e->cause)) {
        prev = e->cause;
        sep = "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (!IS_NONE(e->context) && !e->suppress_context) {
        prev = e->context;
        sep = "\nDuring handling of the above exception, another exception occurred:\n\n";
    } else {
        return;
    }
    if (!IS_A(prev, exc_class) || depth > 100) return;
    ExcObj *p = as_exc(prev);
    print_chain(I, f, p, depth + 1);
    StrBuf sb;
    sb_init(&sb);
    if (!val_str_into(I, &sb, prev)) {
        err_clear(I);
        sb_free(&sb);
        sb_init(&sb);
        sb_puts(&sb, "<exception str() failed>");
    }
    char name[256];
    diag_print_report(f, p->trace, p->ntrace, p->omitted, exc_report_name(I, prev, name, sizeof name), sb.oom ? "" : sb.data,
                      p->hint);
    sb_free(&sb);
    fputs(sep, f);
}

void exc_print_chain(Interp *I, FILE *f, Value exc) {
    if (IS_A(exc, exc_class)) print_chain(I, f, as_exc(exc), 0);
}

/* ---- the traceback module: print_exc / format_exc / print_exception ---------------------------
 * The report is agrepl's (file:line:col and carets, as an uncaught error prints), so only its last
 * line, "Kind: message", is CPython's word for word; the hint line is left out. */
static bool report_into(Interp *I, FILE *f, Value exc) {
    if (!IS_A(exc, exc_class)) {
        fputs("NoneType: None\n", f);
        return true;
    }
    exc_print_chain(I, f, exc);
    ExcObj *e = as_exc(exc);
    StrBuf sb;
    sb_init(&sb);
    if (!val_str_into(I, &sb, exc)) {
        if (err_is(I, EXC_MemoryError)) { sb_free(&sb); return false; }
        err_clear(I);
        sb_free(&sb);
        sb_init(&sb);
        sb_puts(&sb, "<exception str() failed>");
    }
    char name[256];
    diag_print_report(f, e->trace, e->ntrace, e->omitted, exc_report_name(I, exc, name, sizeof name),
                      sb.oom ? "" : sb.data, NULL);
    sb_free(&sb);
    return true;
}

/* The report of exc as a str. */
static Value report_str(Interp *I, Value exc) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return err_nomem(I);
    bool ok = report_into(I, f, exc);
    fclose(f);
    Value s = ok ? val_str(I, buf ? buf : "", len) : VAL_ERR;
    free(buf);
    return s;
}

/* Write the report of exc to file (an object with a write method), or to stderr. */
static Value report_to(Interp *I, Value exc, Value file) {
    if (IS_UNDEF(file) || IS_NONE(file)) {
        fflush(stdout);
        bool ok = report_into(I, stderr, exc);
        fflush(stderr);
        return ok ? VAL_NONE : VAL_ERR;
    }
    Value s = report_str(I, exc);
    if (IS_ERR(s)) return s;
    Value r = eval_call_method(I, file, "write", 1, &s, NULL);
    val_decref(s);
    if (IS_ERR(r)) return r;
    val_decref(r);
    return VAL_NONE;
}

static Value tb_print_exc(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"limit", "file", "chain"};
    Value a[3];
    if (!nat_args(I, "print_exc", argc, argv, kw, 3, names, 0, a)) return VAL_ERR;
    return report_to(I, ES(I)->handling, a[1]);
}

static Value tb_format_exc(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"limit", "chain"};
    Value a[2];
    if (!nat_args(I, "format_exc", argc, argv, kw, 2, names, 0, a)) return VAL_ERR;
    return report_str(I, ES(I)->handling);
}

/* print_exception(exc) (3.10+), or print_exception(type, value, tb) */
static Value tb_print_exception(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"exc", "value", "tb", "limit", "file", "chain"};
    Value a[6];
    if (!nat_args(I, "print_exception", argc, argv, kw, 6, names, 1, a)) return VAL_ERR;
    return report_to(I, IS_UNDEF(a[1]) ? a[0] : a[1], a[4]);
}

static const MethodDef traceback_table[] = {
    {"print_exc", tb_print_exc, "traceback.print_exc(limit=None, file=None, chain=True)",
     "Print the report of the exception being handled (to stderr, or file)."},
    {"format_exc", tb_format_exc, "traceback.format_exc(limit=None, chain=True)",
     "The report of the exception being handled, as a str (agrepl's layout; the last line is Python's)."},
    {"print_exception", tb_print_exception, "traceback.print_exception(exc, /, value=None, tb=None, limit=None, file=None)",
     "Print the report of an exception object (to stderr, or file)."},
    {NULL, NULL, NULL, NULL},
};

Module *exc_traceback_init(Interp *I) {
    Module *m = module_new(I, "traceback");
    if (!m) return NULL;
    if (!module_add_natives(I, m, traceback_table)) { obj_decref(&m->h); return NULL; }
    return m;
}

/* sys.exc_info(): (type, value, None) of the exception being handled, else (None, None, None).
 * ag keeps no traceback objects: the third item is always None. */
Value exc_sys_exc_info(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "exc_info", argc, kw, 0, 0)) return VAL_ERR;
    Tuple *t = tuple_new(I, 3);
    if (!t) return VAL_ERR;
    Value exc = ES(I)->handling;
    if (IS_A(exc, exc_class)) {
        Value ty = eval_type_of(I, exc);
        if (IS_ERR(ty)) { obj_decref(&t->h); return ty; }
        t->items[0] = ty;
        t->items[1] = val_incref(exc);
    }
    return val_obj(t);
}

/* numpy.AxisError(axis, ndim, None) as NumPy's C code raises it: its class is stdlib/numpy.ag's,
 * so an array without `import numpy` having run (none is made without it) falls back to the
 * ValueError with the same words. */
Value exc_raise_axis(Interp *I, int64_t axis, int ndim) {
    Value cls = VAL_UNDEF;
    Str *name = str_intern(I, "numpy", 5);
    if (!name) return VAL_ERR;
    Value np = I->modules ? dict_get_str(I->modules, name) : VAL_UNDEF;
    obj_decref(&name->h);
    if (IS_A(np, module_class)) {
        Str *cn = str_intern(I, "AxisError", 9);
        if (!cn) return VAL_ERR;
        cls = module_get((Module *)AS_OBJ(np), cn);
        obj_decref(&cn->h);
    }
    if (!exc_is_class(cls))
        return err_raise(I, EXC_ValueError, "axis %lld is out of bounds for array of dimension %d", (long long)axis, ndim);
    Value args[3] = {val_int(axis), val_int(ndim), VAL_NONE};
    Value e = val_call(I, cls, 3, args, NULL);
    if (IS_ERR(e)) return e;
    if (IS_A(e, exc_class)) exc_set_pending(I, e, false);
    else err_raise(I, EXC_ValueError, "axis %lld is out of bounds for array of dimension %d", (long long)axis, ndim);
    val_decref(e);
    return VAL_ERR;
}
