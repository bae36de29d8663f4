/* native.c — builtin functions and bound native methods (prefixes nat_, native_). */
#include <string.h>
#include "interp.h"
#include "mem.h"

bool nat_args(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw,
              int nparams, const char *const *names, int nrequired, Value *out) {
    if (argc > nparams) {
        if (nparams == 0) err_raise(I, EXC_TypeError, "%s() takes no arguments (%d given)", fname, argc);
        else if (nparams == 1 && nrequired == 1)
            err_raise(I, EXC_TypeError, "%s() takes exactly one argument (%d given)", fname, argc);
        else if (nparams == nrequired)
            err_raise(I, EXC_TypeError, "%s() takes exactly %d arguments (%d given)", fname, nparams, argc);
        else
            err_raise(I, EXC_TypeError, "%s() takes at most %d argument%s (%d given)", fname, nparams,
                      nparams == 1 ? "" : "s", argc);
        return false;
    }
    for (int i = 0; i < nparams; i++) out[i] = i < argc ? argv[i] : VAL_UNDEF;
    if (kw && kw->n > 0) {
        if (nparams == 0) {
            err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", fname);
            return false;
        }
        for (int k = 0; k < kw->n; k++) {
            const char *name = kw->names[k]->data;
            int i = 0;
            while (i < nparams && strcmp(names[i], name) != 0) i++;
            /* torch's argument parser takes NumPy's spellings axis= and keepdims= for dim= and keepdim= */
            const char *alias = strcmp(name, "axis") == 0 ? "dim" : strcmp(name, "keepdims") == 0 ? "keepdim" : NULL;
            if (i == nparams && alias)
                for (i = 0; i < nparams && strcmp(names[i], alias) != 0; i++) {}
            if (i == nparams) {
                err_raise(I, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname, name);
                return false;
            }
            if (!IS_UNDEF(out[i])) {
                err_raise(I, EXC_TypeError, "%s() got multiple values for argument '%s'", fname, name);
                return false;
            }
            out[i] = kw->vals[k];
        }
    }
    for (int i = 0; i < nrequired; i++) {
        if (IS_UNDEF(out[i])) {
            if (nparams == 1 && nrequired == 1 && argc == 0 && !(kw && kw->n))
                err_raise(I, EXC_TypeError, "%s() takes exactly one argument (0 given)", fname);
            else
                err_raise(I, EXC_TypeError, "%s() missing required argument: '%s'", fname, names[i]);
            return false;
        }
    }
    return true;
}

bool nat_positional(Interp *I, const char *fname, int argc, const KwArgs *kw, int min, int max) {
    if (kw && kw->n) {
        err_raise(I, EXC_TypeError, "%s() takes no keyword arguments", fname);
        return false;
    }
    if (argc < min) {
        err_raise(I, EXC_TypeError, "%s expected %s%d argument%s, got %d", fname, min == max ? "" : "at least ", min,
                  min == 1 ? "" : "s", argc);
        return false;
    }
    if (argc > max) {
        err_raise(I, EXC_TypeError, "%s expected %s%d argument%s, got %d", fname, min == max ? "" : "at most ", max,
                  max == 1 ? "" : "s", argc);
        return false;
    }
    return true;
}

Value native_new(Interp *I, const MethodDef *def, Value self) {
    Native *n = obj_new(I, &native_class, sizeof(Native));
    if (!n) return VAL_ERR;
    n->def = def;
    n->self = val_incref(self);
    n->owner = NULL;
    return val_obj(n);
}

static void native_free(Obj *o) {
    val_decref(((Native *)o)->self);
    obj_dealloc(o, sizeof(Native));
}

static bool native_repr(Interp *I, StrBuf *sb, Value self) {
    Native *n = (Native *)AS_OBJ(self);
    if (n->owner) sb_printf(sb, "<method '%s' of '%s' objects>", n->def->name, n->owner->name);
    /* a module-bound builtin (globals) prints as the function CPython shows */
    else if (IS_UNDEF(n->self) || IS_A(n->self, module_class)) sb_printf(sb, "<built-in function %s>", n->def->name);
    else if (IS_OBJ(n->self))
        sb_printf(sb, "<built-in method %s of %s object at %p>", n->def->name, val_type_name(n->self),
                  (void *)AS_OBJ(n->self));
    else
        sb_printf(sb, "<built-in method %s of %s object>", n->def->name, val_type_name(n->self));
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static Value native_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    Native *n = (Native *)AS_OBJ(self);
    if (IS_UNDEF(n->self)) {
        /* str.upper(x): the method bodies assume argv[0] is one of theirs */
        if (n->owner && argc == 0)
            return err_raise(I, EXC_TypeError, "unbound method %s.%s() needs an argument", n->owner->name, n->def->name);
        if (n->owner && !(IS_OBJ(argv[0]) && AS_OBJ(argv[0])->cls == n->owner))
            return err_raise(I, EXC_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                             n->def->name, n->owner->name, val_type_name(argv[0]));
        return n->def->fn(I, argc, argv, kw);
    }
    /* bound: prepend self */
    Value small[8];
    Value *args = small;
    size_t bytes = (size_t)(argc + 1) * sizeof(Value);
    if (argc + 1 > 8) {
        args = mem_alloc(bytes);
        if (!args) return err_nomem(I);
    }
    args[0] = n->self;
    if (argc) memcpy(args + 1, argv, (size_t)argc * sizeof(Value));
    Value keep = val_incref(self); /* the method may drop the last other reference to us */
    Value r = n->def->fn(I, argc + 1, args, kw);
    val_decref(keep);
    if (args != small) mem_free(args, bytes);
    return r;
}

static Value native_getattr(Interp *I, Value self, Str *name) {
    Native *n = (Native *)AS_OBJ(self);
    if (strcmp(name->data, "__name__") == 0) return val_str(I, n->def->name, strlen(n->def->name));
    return VAL_UNDEF;
}

static bool native_eq(Interp *I, Value a, Value b, bool *out) {
    Native *x = (Native *)AS_OBJ(a), *y = (Native *)AS_OBJ(b);
    *out = x->def == y->def && x->self.kind == y->self.kind &&
           (!IS_OBJ(x->self) || AS_OBJ(x->self) == AS_OBJ(y->self));
    return true;
}

static bool native_hash(Interp *I, Value self, uint64_t *out) {
    Native *n = (Native *)AS_OBJ(self);
    uint64_t h = (uint64_t)(uintptr_t)n->def * 0x9E3779B97F4A7C15ULL;
    if (IS_OBJ(n->self)) h ^= (uint64_t)(uintptr_t)AS_OBJ(n->self);
    *out = h;
    return true;
}

const ObjClass native_class = {
    .name = "builtin_function_or_method",
    .free = native_free,
    .repr = native_repr,
    .call = native_call,
    .getattr = native_getattr,
    .eq = native_eq,
    .hash = native_hash,
};
