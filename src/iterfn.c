/* iterfn.c — iterators driven by a function (prefix itf_), the native half of the
 * stdlib modules written in ag (itertools.ag, copy.ag).
 *
 * ag has no `yield` and no classes, so a lazy iterator such as itertools.count() cannot be
 * written in ag directly. `_iterfn.make(step, name, stop)` wraps a closure: each next() calls
 * step(); when it returns the `stop` object itself (compared by identity) the iterator is
 * exhausted. The closure keeps its state in cells (nonlocal), so infinite iterators cost
 * nothing until asked. `name` is what type() and repr() show ("itertools.count"), as CPython's
 * C iterators print. An iterator is a registered container (obj_track): its closure can hold
 * the iterator itself, a cycle reference counting alone never frees. */
#include <stdio.h>
#include <string.h>
#include "eval.h"
#include "mem.h"

typedef struct FnIter {
    Obj h;
    ObjLink link;      /* in the interpreter's registry (see obj_track) */
    Value step;        /* the closure; None once exhausted */
    Value stop;        /* the sentinel the closure returns at the end */
    Str *name;         /* "itertools.count" */
    bool running;
} FnIter;

static void itf_drop(FnIter *it) {
    Value s = it->step, t = it->stop;
    it->step = VAL_NONE;
    it->stop = VAL_NONE;
    val_decref(s);
    val_decref(t);
}

static void itf_free(Obj *o) {
    FnIter *it = (FnIter *)o;
    obj_untrack(&it->link);
    itf_drop(it);
    obj_decref((Obj *)it->name);
    obj_dealloc(o, sizeof(FnIter));
}

static void itf_clear(Obj *o) { if (!((FnIter *)o)->running) itf_drop((FnIter *)o); }

static bool itf_repr(Interp *I, StrBuf *sb, Value self) {
    FnIter *it = (FnIter *)AS_OBJ(self);
    sb_printf(sb, "<%s object at %p>", it->name->data, (void *)it);
    return true;
}

/* type() keeps the name it is given (a borrowed C string, for the session), so the names are
 * static: those of the itertools iterators, else "iterator". */
static const char *const itf_names[] = {
    "count", "cycle", "repeat", "accumulate", "chain", "islice", "zip_longest", "product",
    "combinations", "combinations_with_replacement", "permutations", "starmap", "takewhile",
    "dropwhile", "filterfalse", "compress", "pairwise", "groupby", NULL,
};
static const char *itf_type_name(Value self) {
    const char *n = ((FnIter *)AS_OBJ(self))->name->data;
    const char *dot = strrchr(n, '.');
    n = dot ? dot + 1 : n;
    for (int i = 0; itf_names[i]; i++)
        if (!strcmp(itf_names[i], n)) return itf_names[i];
    return "iterator";
}

static Value itf_iter(Interp *I, Value self) { return val_incref(self); }

static Value itf_next(Interp *I, Value self) {
    FnIter *it = (FnIter *)AS_OBJ(self);
    if (IS_NONE(it->step)) return VAL_UNDEF;
    if (it->running) return err_raise(I, EXC_ValueError, "generator already executing");
    it->running = true;
    obj_incref(&it->h);
    Value v = val_call(I, it->step, 0, NULL, NULL);
    it->running = false;
    if (!IS_ERR(v) && IS_OBJ(v) && IS_OBJ(it->stop) && AS_OBJ(v) == AS_OBJ(it->stop)) {
        val_decref(v);
        itf_drop(it);
        v = VAL_UNDEF;
    } else if (IS_ERR(v)) {
        itf_drop(it);   /* as a generator: once its body raised, it is finished */
    }
    obj_decref(&it->h);
    return v;
}

static const ObjClass itf_class = {
    .name = "iterator", .free = itf_free, .clear = itf_clear, .repr = itf_repr,
    .iter = itf_iter, .next = itf_next, .type_name = itf_type_name,
};

/* make(step, name, stop) */
static Value itf_make(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"step", "name", "stop"};
    Value a[3];
    if (!nat_args(I, "make", argc, argv, kw, 3, names, 3, a)) return VAL_ERR;
    if (!IS_A(a[1], str_class)) return err_raise(I, EXC_TypeError, "make() name must be str");
    if (!IS_OBJ(a[2])) return err_raise(I, EXC_TypeError, "make() stop must be an object");
    FnIter *it = obj_new(I, &itf_class, sizeof(FnIter));
    if (!it) return VAL_ERR;
    it->step = val_incref(a[0]);
    it->stop = val_incref(a[2]);
    it->name = (Str *)AS_OBJ(val_incref(a[1]));
    it->running = false;
    obj_track(I, &it->link);
    return val_obj(it);
}

/* A callable with attributes: itertools.chain is a type whose from_iterable is an
 * alternative constructor; ag functions take no attributes, so with_attrs(f, name, **attrs)
 * wraps f (called through) and answers attrs. It prints as the class CPython's would. */
typedef struct AttrFn { Obj h; Value fn; Dict *attrs; Str *name; } AttrFn;

static void af_free(Obj *o) {
    AttrFn *a = (AttrFn *)o;
    val_decref(a->fn);
    obj_decref(&a->attrs->h);
    obj_decref((Obj *)a->name);
    obj_dealloc(o, sizeof(AttrFn));
}
static bool af_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<class '%s'>", ((AttrFn *)AS_OBJ(self))->name->data);
    return true;
}
static Value af_getattr(Interp *I, Value self, Str *name) {
    AttrFn *a = (AttrFn *)AS_OBJ(self);
    Value v = dict_get_str(a->attrs, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    if (!strcmp(name->data, "__name__")) {
        const char *dot = strrchr(a->name->data, '.');
        const char *n = dot ? dot + 1 : a->name->data;
        return val_str(I, n, strlen(n));
    }
    return VAL_UNDEF;
}
static Value af_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    return val_call(I, ((AttrFn *)AS_OBJ(self))->fn, argc, argv, kw);
}
static bool af_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}
static const ObjClass af_class = {
    .name = "type", .free = af_free, .repr = af_repr, .getattr = af_getattr, .call = af_call,
    .hash = af_hash,
};

static Value itf_with_attrs(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc != 2 || !IS_A(argv[1], str_class))
        return err_raise(I, EXC_TypeError, "with_attrs(fn, name, **attrs) takes a function and a str name");
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    for (int i = 0; kw && i < kw->n; i++)
        if (!dict_set(I, d, val_obj(kw->names[i]), kw->vals[i])) { obj_decref(&d->h); return VAL_ERR; }
    AttrFn *a = obj_new(I, &af_class, sizeof(AttrFn));
    if (!a) { obj_decref(&d->h); return VAL_ERR; }
    a->fn = val_incref(argv[0]);
    a->attrs = d;
    a->name = (Str *)AS_OBJ(val_incref(argv[1]));
    return val_obj(a);
}

/* error(kind, message): lets the stdlib written in ag (which has no raise) fail in CPython's words. */
static Value itf_error(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"kind", "message"};
    Value a[2];
    if (!nat_args(I, "error", argc, argv, kw, 2, names, 2, a)) return VAL_ERR;
    if (!IS_A(a[0], str_class) || !IS_A(a[1], str_class)) return err_raise(I, EXC_TypeError, "error(): kind and message must be str");
    const char *kind = str_cstr((Str *)AS_OBJ(a[0]));
    for (int k = 0; k < EXC__COUNT; k++)
        if (!strcmp(exc_name[k], kind)) return err_raise(I, (ExcKind)k, "%s", str_cstr((Str *)AS_OBJ(a[1])));
    return err_raise(I, EXC_TypeError, "error(): unknown exception kind '%s'", kind);
}

static const MethodDef itf_table[] = {
    {"with_attrs", itf_with_attrs, "with_attrs(fn, name, **attrs)", "fn, callable as before, with read-only attributes attrs."},
    {"error", itf_error, "error(kind, message)", "Raise the exception kind (a name such as 'ValueError') with message."},
    {"make", itf_make, "make(step, name, stop)", "An iterator calling step() for each item until it returns stop."},
    {NULL, NULL, NULL, NULL},
};

Module *itf_module_init(Interp *I) {
    Module *m = module_new(I, "_iterfn");
    if (!m) return NULL;
    if (!module_add_natives(I, m, itf_table)) { obj_decref((Obj *)m); return NULL; }
    return m;
}
