/* class.c — user-defined classes (prefix cls_): class objects, instances and the dunder
 * protocol, bound methods, super, property / staticmethod / classmethod, and `object`.
 * See class.h for the data layout and who owns what. */
#include <stdlib.h>
#include <string.h>
#include "class.h"
#include "eval.h"
#include "exc.h"
#include "mem.h"

typedef enum {
#define DUNDER(id, name) D_##id,
#include "dunder.def"
#undef DUNDER
    D__COUNT
} Dunder;
static const char *const dunder_name[D__COUNT] = {
#define DUNDER(id, name) name,
#include "dunder.def"
#undef DUNDER
};
_Static_assert(D_RSHIFT - D_ADD == 3 * (BIN_RSHIFT - BIN_ADD), "binary dunders follow BinOp order");
_Static_assert(D_GE - D_LT == BIN_GE - BIN_LT, "comparison dunders follow BinOp order");

typedef struct ClsState {
    Str *d[D__COUNT];   /* interned dunder names, one reference each */
    ClassObj *object;   /* the class `object`; one reference */
} ClsState;
#define CS(I) ((ClsState *)(I)->class_state)
static inline Str *dn(Interp *I, Dunder d) { return CS(I)->d[d]; }

static bool name_is(Interp *I, Str *s, Dunder d) {
    Str *t = dn(I, d);
    return s == t || (s->len == t->len && memcmp(s->data, t->data, (size_t)s->len) == 0);
}

extern const ObjClass cls_property_class, cls_staticmethod_class, cls_classmethod_class;
#define AS_CLASS(v) ((ClassObj *)AS_OBJ(v))
#define AS_INST(v) ((Instance *)AS_OBJ(v))

/* ---- lookup along the mro ----------------------------------------------------------- */
/* Borrowed, or V_UNDEF. skip_object: leave out `object`, whose entries the C slots implement. */
static Value lookup(ClassObj *c, Str *name, bool skip_object) {
    int n = c->nmro - (skip_object ? 1 : 0);
    for (int i = 0; i < n; i++) {
        Value v = dict_get_str(c->mro[i]->dict, name);
        if (!IS_UNDEF(v)) return v;
    }
    return VAL_UNDEF;
}
static inline Value udunder(Interp *I, Value inst, Dunder d) { return lookup(AS_INST(inst)->cls, dn(I, d), true); }

static bool subclass_of(const ClassObj *c, const ClassObj *base) {
    for (int i = 0; i < c->nmro; i++)
        if (c->mro[i] == base) return true;
    return false;
}

static Value method_new(Interp *I, Value func, Value self);
typedef struct Wrap { Obj h; Value f; } Wrap; /* staticmethod / classmethod */

/* What `owner_inst.attr` / `klass.attr` gives for a class attribute: functions bind to the
 * instance, classmethods to the class, staticmethods unwrap, `object`'s natives bind. */
static Value bind(Interp *I, Value attr, Value inst, ClassObj *klass) {
    if (IS_OBJ(attr)) {
        const ObjClass *k = AS_OBJ(attr)->cls;
        if (k == &func_class) return IS_UNDEF(inst) ? val_incref(attr) : method_new(I, attr, inst);
        if (k == &cls_staticmethod_class) return val_incref(((Wrap *)AS_OBJ(attr))->f);
        if (k == &cls_classmethod_class)
            return method_new(I, ((Wrap *)AS_OBJ(attr))->f, val_obj(klass));
        if (k == &native_class && ((Native *)AS_OBJ(attr))->owner == &cls_instance_class && !IS_UNDEF(inst))
            return native_new(I, ((Native *)AS_OBJ(attr))->def, inst);
    }
    return val_incref(attr);
}

/* Call a class attribute f as a method of self (no bound-method object for plain functions). */
static Value call_with_self(Interp *I, Value f, Value self, int argc, const Value *argv, const KwArgs *kw) {
    bool plain = IS_A(f, func_class) ||
                 (IS_A(f, native_class) && ((Native *)AS_OBJ(f))->owner == &cls_instance_class);
    if (!plain) {
        Value b = bind(I, f, self, IS_INSTANCE(self) ? AS_INST(self)->cls : NULL);
        if (IS_ERR(b)) return b;
        Value r = val_call(I, b, argc, argv, kw);
        val_decref(b);
        return r;
    }
    Value small[8];
    Value *args = small;
    size_t bytes = sizeof(Value) * (size_t)(argc + 1);
    if (argc + 1 > 8 && !(args = mem_alloc(bytes))) return err_nomem(I);
    args[0] = self;
    if (argc) memcpy(args + 1, argv, sizeof(Value) * (size_t)argc);
    Value keep = val_incref(self);
    Value r = val_call(I, f, argc + 1, args, kw);
    val_decref(keep);
    if (args != small) mem_free(args, bytes);
    return r;
}

/* ---- bound methods ------------------------------------------------------------------ */
typedef struct Method { Obj h; Value func, self; } Method;

static Value method_new(Interp *I, Value func, Value self) {
    Method *m = obj_new(I, &cls_method_class, sizeof(Method));
    if (!m) return VAL_ERR;
    m->func = val_incref(func);
    m->self = val_incref(self);
    return val_obj(m);
}
static void method_free(Obj *o) {
    Method *m = (Method *)o;
    val_decref(m->func);
    val_decref(m->self);
    obj_dealloc(o, sizeof(Method));
}
static bool method_repr(Interp *I, StrBuf *sb, Value self) {
    Method *m = (Method *)AS_OBJ(self);
    const char *qn = IS_A(m->func, func_class) ? ((Func *)AS_OBJ(m->func))->qualname->data : "?";
    sb_printf(sb, "<bound method %s of ", qn);
    if (!val_repr(I, sb, m->self)) return false;
    sb_putc(sb, '>');
    return true;
}
static Value method_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    Method *m = (Method *)AS_OBJ(self);
    Value keep = val_incref(self);
    Value r = call_with_self(I, m->func, m->self, argc, argv, kw);
    val_decref(keep);
    return r;
}
static Value method_getattr(Interp *I, Value self, Str *name) {
    Method *m = (Method *)AS_OBJ(self);
    if (!strcmp(name->data, "__self__")) return val_incref(m->self);
    if (!strcmp(name->data, "__func__")) return val_incref(m->func);
    return eval_getattr(I, m->func, name);
}
static bool method_eq(Interp *I, Value a, Value b, bool *out) {
    Method *x = (Method *)AS_OBJ(a), *y = (Method *)AS_OBJ(b);
    *out = x->func.as.o == y->func.as.o && x->self.kind == y->self.kind && (!IS_OBJ(x->self) || x->self.as.o == y->self.as.o);
    return true;
}
static bool method_hash(Interp *I, Value self, uint64_t *out) {
    Method *m = (Method *)AS_OBJ(self);
    *out = ((uint64_t)(uintptr_t)m->func.as.o >> 4) ^ (IS_OBJ(m->self) ? (uint64_t)(uintptr_t)m->self.as.o : 0);
    return true;
}
const ObjClass cls_method_class = {
    .name = "method", .free = method_free, .repr = method_repr, .call = method_call,
    .getattr = method_getattr, .eq = method_eq, .hash = method_hash,
};

/* ---- staticmethod, classmethod, property -------------------------------------------- */
static void wrap_free(Obj *o) { val_decref(((Wrap *)o)->f); obj_dealloc(o, sizeof(Wrap)); }
static bool wrap_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<%s(", AS_OBJ(self)->cls->name);
    if (!val_repr(I, sb, ((Wrap *)AS_OBJ(self))->f)) return false;
    sb_puts(sb, ")>");
    return true;
}
static Value wrap_getattr(Interp *I, Value self, Str *name) {
    if (!strcmp(name->data, "__func__")) return val_incref(((Wrap *)AS_OBJ(self))->f);
    return VAL_UNDEF;
}
static Value wrap_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    if (AS_OBJ(self)->cls == &cls_classmethod_class)
        return err_raise(I, EXC_TypeError, "'classmethod' object is not callable");
    return val_call(I, ((Wrap *)AS_OBJ(self))->f, argc, argv, kw);
}
const ObjClass cls_staticmethod_class = {.name = "staticmethod", .free = wrap_free, .repr = wrap_repr, .getattr = wrap_getattr, .call = wrap_call};
const ObjClass cls_classmethod_class = {.name = "classmethod", .free = wrap_free, .repr = wrap_repr, .getattr = wrap_getattr, .call = wrap_call};

static Value wrap_make(Interp *I, const ObjClass *k, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, fname, argc, kw, 1, 1)) return VAL_ERR;
    Wrap *w = obj_new(I, k, sizeof(Wrap));
    if (!w) return VAL_ERR;
    w->f = val_incref(argv[0]);
    return val_obj(w);
}
static Value bi_staticmethod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return wrap_make(I, &cls_staticmethod_class, "staticmethod", argc, argv, kw);
}
static Value bi_classmethod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    return wrap_make(I, &cls_classmethod_class, "classmethod", argc, argv, kw);
}

typedef struct Property { Obj h; Value fget, fset, fdel, doc; } Property;
static void prop_free(Obj *o) {
    Property *p = (Property *)o;
    val_decref(p->fget); val_decref(p->fset); val_decref(p->fdel); val_decref(p->doc);
    obj_dealloc(o, sizeof(Property));
}
static Value prop_new(Interp *I, Value fget, Value fset, Value fdel, Value doc) {
    Property *p = obj_new(I, &cls_property_class, sizeof(Property));
    if (!p) return VAL_ERR;
    p->fget = val_incref(IS_UNDEF(fget) ? VAL_NONE : fget);
    p->fset = val_incref(IS_UNDEF(fset) ? VAL_NONE : fset);
    p->fdel = val_incref(IS_UNDEF(fdel) ? VAL_NONE : fdel);
    if ((IS_UNDEF(doc) || IS_NONE(doc)) && IS_A(p->fget, func_class) && ((Func *)AS_OBJ(p->fget))->doc)
        doc = val_obj(((Func *)AS_OBJ(p->fget))->doc);
    p->doc = val_incref(IS_UNDEF(doc) ? VAL_NONE : doc);
    return val_obj(p);
}
static Value bi_property(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    Value a[4];
    if (!nat_args(I, "property", argc, argv, kw, 4, names, 0, a)) return VAL_ERR;
    return prop_new(I, a[0], a[1], a[2], a[3]);
}
static Value prop_with(Interp *I, int argc, const Value *argv, const char *fname, int which) {
    if (argc != 2) return err_raise(I, EXC_TypeError, "%s() takes exactly one argument (%d given)", fname, argc - 1);
    Property *p = (Property *)AS_OBJ(argv[0]);
    return prop_new(I, which == 0 ? argv[1] : p->fget, which == 1 ? argv[1] : p->fset, which == 2 ? argv[1] : p->fdel,
                    which == 0 ? VAL_NONE : p->doc);
}
static Value prop_getter(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return prop_with(I, argc, argv, "getter", 0); }
static Value prop_setter(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return prop_with(I, argc, argv, "setter", 1); }
static Value prop_deleter(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return prop_with(I, argc, argv, "deleter", 2); }
static const MethodDef prop_methods[] = {
    {"getter", prop_getter, "getter(fget)", "A copy of the property with fget as its getter."},
    {"setter", prop_setter, "setter(fset)", "A copy of the property with fset as its setter (@x.setter)."},
    {"deleter", prop_deleter, "deleter(fdel)", "A copy of the property with fdel as its deleter."},
    {NULL, NULL, NULL, NULL},
};
static Value prop_getattr(Interp *I, Value self, Str *name) {
    Property *p = (Property *)AS_OBJ(self);
    if (!strcmp(name->data, "fget")) return val_incref(p->fget);
    if (!strcmp(name->data, "fset")) return val_incref(p->fset);
    if (!strcmp(name->data, "fdel")) return val_incref(p->fdel);
    if (!strcmp(name->data, "__doc__")) return val_incref(p->doc);
    return VAL_UNDEF;
}
const ObjClass cls_property_class = {.name = "property", .free = prop_free, .getattr = prop_getattr, .methods = prop_methods};

/* ---- class objects ------------------------------------------------------------------ */
static void class_free(Obj *o) {
    ClassObj *c = (ClassObj *)o;
    if (c->name) obj_decref(&c->name->h);
    if (c->qualname) obj_decref(&c->qualname->h);
    if (c->module) obj_decref(&c->module->h);
    for (int i = 0; i < c->nbases; i++) obj_decref(&c->bases[i]->h);
    for (int i = 1; i < c->nmro; i++) obj_decref(&c->mro[i]->h);
    mem_free(c->bases, sizeof(ClassObj *) * (size_t)c->nbases);
    mem_free(c->mro, sizeof(ClassObj *) * (size_t)c->nmro);
    if (c->dict) obj_decref(&c->dict->h);
    obj_dealloc(o, sizeof(ClassObj));
}

static const char *class_module(Interp *I, ClassObj *c) {
    Value m = dict_get_str(c->dict, dn(I, D_MODULE));
    if (IS_A(m, str_class)) return ((Str *)AS_OBJ(m))->data;
    return c->module ? c->module->data : "__main__";
}

static bool class_repr(Interp *I, StrBuf *sb, Value self) {
    ClassObj *c = AS_CLASS(self);
    const char *m = class_module(I, c);
    if (!strcmp(m, "builtins")) sb_printf(sb, "<class '%s'>", c->qualname->data);
    else sb_printf(sb, "<class '%s.%s'>", m, c->qualname->data);
    return true;
}

static Value tuple_of_classes(Interp *I, ClassObj **cs, int n) {
    Tuple *t = tuple_new(I, n);
    if (!t) return VAL_ERR;
    for (int i = 0; i < n; i++) { obj_incref(&cs[i]->h); t->items[i] = val_obj(cs[i]); }
    return val_obj(t);
}

static Value class_getattr(Interp *I, Value self, Str *name) {
    ClassObj *c = AS_CLASS(self);
    Value v = lookup(c, name, false);
    if (!IS_UNDEF(v)) return bind(I, v, VAL_UNDEF, c);
    if (name_is(I, name, D_NAME)) return val_incref(val_obj(c->name));
    if (name_is(I, name, D_QUALNAME)) return val_incref(val_obj(c->qualname));
    if (name_is(I, name, D_DICT)) return val_incref(val_obj(c->dict));
    if (name_is(I, name, D_BASES)) return tuple_of_classes(I, c->bases, c->nbases);
    if (name_is(I, name, D_MRO)) return tuple_of_classes(I, c->mro, c->nmro);
    if (name_is(I, name, D_DOC)) return VAL_NONE;
    if (name_is(I, name, D_MODULE)) return val_str(I, class_module(I, c), strlen(class_module(I, c)));
    return err_raise(I, EXC_AttributeError, "type object '%s' has no attribute '%s'", c->name->data, name->data);
}

static bool class_setattr(Interp *I, Value self, Str *name, Value v) {
    return dict_set(I, AS_CLASS(self)->dict, val_obj(name), v);
}

static bool class_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}

/* Does the class derive from abc.ABC? Then its unimplemented @abstractmethods forbid instances. */
static bool derives_from_abc(Interp *I, ClassObj *c) {
    for (int i = 1; i < c->nmro; i++)
        if (!strcmp(c->mro[i]->name->data, "ABC") && !strcmp(class_module(I, c->mro[i]), "abc")) return true;
    return false;
}
static bool is_abstract(Value v) {
    if (IS_A(v, cls_property_class)) v = ((Property *)AS_OBJ(v))->fget;
    if (!IS_A(v, func_class) || !((Func *)AS_OBJ(v))->attrs) return false;
    Dict *a = ((Func *)AS_OBJ(v))->attrs;
    for (int64_t k = 0; k < a->nentries; k++)
        if (IS_A(a->entries[k].key, str_class) && !strcmp(((Str *)AS_OBJ(a->entries[k].key))->data, "__isabstractmethod__"))
            return IS_BOOL(a->entries[k].val) && a->entries[k].val.as.b;
    return false;
}
static int cmp_cstr(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
/* TypeError "Can't instantiate abstract class Shape with abstract methods area, perimeter" */
static bool check_abstract(Interp *I, ClassObj *c) {
    const char *names[64];
    int n = 0;
    for (int i = 0; i + 1 < c->nmro; i++) {
        Dict *d = c->mro[i]->dict;
        for (int64_t k = 0; k < d->nentries && n < 64; k++) {
            if (!IS_A(d->entries[k].key, str_class)) continue;
            Str *name = (Str *)AS_OBJ(d->entries[k].key);
            if (!is_abstract(lookup(c, name, true))) continue;
            bool dup = false;
            for (int j = 0; j < n && !dup; j++) dup = !strcmp(names[j], name->data);
            if (!dup) names[n++] = name->data;
        }
    }
    if (!n) return true;
    qsort(names, (size_t)n, sizeof names[0], cmp_cstr);
    StrBuf sb;
    sb_init(&sb);
    for (int j = 0; j < n; j++) sb_printf(&sb, "%s%s", j ? ", " : "", names[j]);
    err_raise(I, EXC_TypeError, "Can't instantiate abstract class %s with abstract method%s %s", c->name->data,
              n == 1 ? "" : "s", sb.data ? sb.data : "");
    sb_free(&sb);
    return false;
}

/* Calling a class: a new instance, then __init__ (TypeError if there is none and arguments were given). */
/* A new instance of c with an empty __dict__, registered for the cycle collector; NULL on error. */
static Instance *new_instance(Interp *I, ClassObj *c) {
    Dict *d = dict_new(I);
    if (!d) return NULL;
    Instance *x = obj_new(I, &cls_instance_class, sizeof(Instance));
    if (!x) { obj_decref(&d->h); return NULL; }
    x->cls = c;
    obj_incref(&c->h);
    x->dict = d;
    obj_track(I, &x->link);
    return x;
}

static Value class_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    ClassObj *c = AS_CLASS(self);
    for (int i = 0; i < c->nmro; i++) /* an exception class: its instances are exception objects */
        if (c->mro[i]->peer == &exc_class) return exc_instantiate(I, self, argc, argv, kw);
    if (derives_from_abc(I, c) && !check_abstract(I, c)) return VAL_ERR;
    Value init = lookup(c, dn(I, D_INIT), true);
    if (IS_UNDEF(init) && (argc || (kw && kw->n)))
        return err_raise(I, EXC_TypeError, "%s() takes no arguments", c->name->data);
    Instance *x = new_instance(I, c);
    if (!x) return VAL_ERR;
    if (IS_UNDEF(init)) return val_obj(x);
    Value r = call_with_self(I, init, val_obj(x), argc, argv, kw);
    if (IS_ERR(r)) { obj_decref(&x->h); return r; }
    if (!IS_NONE(r)) {
        err_raise(I, EXC_TypeError, "__init__() should return None, not '%s'", val_type_name(r));
        val_decref(r);
        obj_decref(&x->h);
        return VAL_ERR;
    }
    return val_obj(x);
}

const ObjClass cls_class_class = {
    .name = "type", .free = class_free, .repr = class_repr, .getattr = class_getattr,
    .setattr = class_setattr, .call = class_call, .hash = class_hash,
};

/* C3 linearisation of the bases (Python's MRO). out[0] is left for the class itself. */
static bool c3_mro(Interp *I, ClassObj **bases, int nbases, ClassObj ***out, int *nout) {
    int nseq = nbases + 1, total = 1;
    for (int i = 0; i < nbases; i++) total += bases[i]->nmro;
    total += nbases;
    ClassObj ***seq = mem_alloc(sizeof(ClassObj **) * (size_t)nseq);
    int *len = mem_alloc(sizeof(int) * (size_t)nseq), *pos = mem_calloc((size_t)nseq, sizeof(int));
    ClassObj **res = mem_alloc(sizeof(ClassObj *) * (size_t)total);
    if (!seq || !len || !pos || !res) {
        mem_free(seq, seq ? sizeof(ClassObj **) * (size_t)nseq : 0);
        mem_free(len, len ? sizeof(int) * (size_t)nseq : 0);
        mem_free(pos, pos ? sizeof(int) * (size_t)nseq : 0);
        mem_free(res, res ? sizeof(ClassObj *) * (size_t)total : 0);
        err_nomem(I);
        return false;
    }
    for (int i = 0; i < nbases; i++) { seq[i] = bases[i]->mro; len[i] = bases[i]->nmro; }
    seq[nbases] = bases;
    len[nbases] = nbases;
    int n = 1;
    bool ok = true;
    for (;;) {
        ClassObj *cand = NULL;
        bool left = false;
        for (int i = 0; i < nseq && !cand; i++) {
            if (pos[i] >= len[i]) continue;
            left = true;
            ClassObj *h = seq[i][pos[i]];
            bool in_tail = false;
            for (int j = 0; j < nseq && !in_tail; j++)
                for (int k = pos[j] + 1; k < len[j]; k++)
                    if (seq[j][k] == h) { in_tail = true; break; }
            if (!in_tail) cand = h;
        }
        if (!left) break;
        if (!cand) {
            StrBuf sb;
            sb_init(&sb);
            for (int i = 0; i < nbases; i++) sb_printf(&sb, "%s%s", i ? ", " : "", bases[i]->name->data);
            err_raise(I, EXC_TypeError, "Cannot create a consistent method resolution order (MRO) for bases %s", sb.data ? sb.data : "");
            sb_free(&sb);
            ok = false;
            break;
        }
        res[n++] = cand;
        for (int i = 0; i < nseq; i++)
            if (pos[i] < len[i] && seq[i][pos[i]] == cand) pos[i]++;
    }
    mem_free(seq, sizeof(ClassObj **) * (size_t)nseq);
    mem_free(len, sizeof(int) * (size_t)nseq);
    mem_free(pos, sizeof(int) * (size_t)nseq);
    if (!ok) { mem_free(res, sizeof(ClassObj *) * (size_t)total); return false; }
    /* shrink to the exact length, so the free size is known */
    ClassObj **exact = mem_alloc(sizeof(ClassObj *) * (size_t)n);
    if (!exact) { mem_free(res, sizeof(ClassObj *) * (size_t)total); err_nomem(I); return false; }
    memcpy(exact, res, sizeof(ClassObj *) * (size_t)n);
    mem_free(res, sizeof(ClassObj *) * (size_t)total);
    *out = exact;
    *nout = n;
    return true;
}

static ClassObj *class_alloc(Interp *I, Str *name, Str *qualname, Str *module, Dict *d) {
    ClassObj *c = obj_new(I, &cls_class_class, sizeof(ClassObj));
    if (!c) return NULL;
    c->name = name; obj_incref(&name->h);
    c->qualname = qualname ? qualname : name; obj_incref(&c->qualname->h);
    c->module = module;
    if (module) obj_incref(&module->h);
    c->nbases = c->nmro = 0;
    c->bases = c->mro = NULL;
    c->dict = d; obj_incref(&d->h);
    c->peer = NULL;
    return c;
}

Value cls_new(Interp *I, Str *name, Str *qualname, Str *module, int nbases, const Value *bases, Dict *d) {
    Value twins[8]; /* an exception class (a TypeObj) stands among the bases as its twin class (exc.c) */
    if (nbases <= 8) {
        bool any = false;
        for (int i = 0; i < nbases; i++) {
            twins[i] = bases[i];
            if (IS_A(bases[i], type_class) && ((TypeObj *)AS_OBJ(bases[i]))->cls == &exc_class) {
                twins[i] = exc_twin(I, (ExcKind)((TypeObj *)AS_OBJ(bases[i]))->exc_kind);
                if (IS_UNDEF(twins[i])) return VAL_ERR;
                any = true;
            }
        }
        if (any) bases = twins;
    }
    for (int i = 0; i < nbases; i++) {
        if (IS_CLASS(bases[i])) {
            for (int j = 0; j < i; j++)
                if (bases[j].as.o == bases[i].as.o)
                    return err_raise(I, EXC_TypeError, "duplicate base class %s", AS_CLASS(bases[i])->name->data);
            continue;
        }
        if (IS_A(bases[i], type_class))
            return err_raise(I, EXC_TypeError, "class %s: ag classes cannot derive from the built-in type '%s'",
                             name->data, ((TypeObj *)AS_OBJ(bases[i]))->name);
        return err_raise(I, EXC_TypeError, "class %s: a base must be a class, not %s", name->data, val_type_name(bases[i]));
    }
    ClassObj *c = class_alloc(I, name, qualname, module, d);
    if (!c) return VAL_ERR;
    ClassObj *objc = CS(I)->object;
    int nb = nbases ? nbases : 1;
    c->bases = mem_alloc(sizeof(ClassObj *) * (size_t)nb);
    if (!c->bases) { obj_decref(&c->h); return err_nomem(I); }
    for (int i = 0; i < nb; i++) {
        c->bases[i] = nbases ? AS_CLASS(bases[i]) : objc;
        obj_incref(&c->bases[i]->h);
        c->nbases++;
    }
    if (!c3_mro(I, c->bases, c->nbases, &c->mro, &c->nmro)) { obj_decref(&c->h); return VAL_ERR; }
    c->mro[0] = c;
    for (int i = 1; i < c->nmro; i++) obj_incref(&c->mro[i]->h);
    return val_obj(c);
}

bool cls_issubclass(Value sub, Value klass) {
    if (!IS_CLASS(klass)) return false;
    if (AS_CLASS(klass)->nmro == 1 && AS_CLASS(klass)->nbases == 0) /* every class derives from object */
        return IS_CLASS(sub) || IS_A(sub, type_class);
    return IS_CLASS(sub) && subclass_of(AS_CLASS(sub), AS_CLASS(klass));
}
bool cls_isinstance(Value x, Value klass) {
    if (!IS_CLASS(klass)) return false;
    if (IS_INSTANCE(x)) return subclass_of(AS_INST(x)->cls, AS_CLASS(klass));
    if (IS_A(x, exc_class)) { /* an exception whose class ag code derived (its type a class), or a built-in one */
        Value t = ((ExcObj *)AS_OBJ(x))->type;
        if (IS_CLASS(t)) return subclass_of(AS_CLASS(t), AS_CLASS(klass));
        return AS_CLASS(klass)->nmro == 1 && AS_CLASS(klass)->nbases == 0;
    }
    if (IS_OBJ(x) && AS_CLASS(klass)->peer && AS_OBJ(x)->cls == AS_CLASS(klass)->peer) return true;
    /* everything is an object */
    return AS_CLASS(klass)->nmro == 1 && AS_CLASS(klass)->nbases == 0;
}
void cls_set_native_peer(Value klass, const ObjClass *peer) { if (IS_CLASS(klass)) AS_CLASS(klass)->peer = peer; }
bool cls_derives_from_peer(Value v, const ObjClass *peer) {
    if (!IS_INSTANCE(v)) return false;
    ClassObj *c = AS_INST(v)->cls;
    for (int i = 0; i < c->nmro; i++)
        if (c->mro[i]->peer == peer) return true;
    return false;
}
Value cls_class_attr(Interp *I, Value klass, Str *name, Value self) {
    Value v = lookup(AS_CLASS(klass), name, false);
    if (IS_A(v, cls_property_class)) {
        Property *p = (Property *)AS_OBJ(v);
        if (IS_NONE(p->fget))
            return err_raise(I, EXC_AttributeError, "property '%s' of '%s' object has no getter", name->data, AS_CLASS(klass)->name->data);
        return val_call(I, p->fget, 1, &self, NULL);
    }
    return IS_UNDEF(v) ? v : bind(I, v, self, AS_CLASS(klass));
}
static void each_in(Dict *d, void (*fn)(void *, Str *, Value), void *ctx) {
    for (int64_t k = 0; k < d->nentries; k++)
        if (IS_A(d->entries[k].key, str_class)) fn(ctx, (Str *)AS_OBJ(d->entries[k].key), d->entries[k].val);
}
void cls_each_attr(Value v, void (*fn)(void *ctx, Str *name, Value val), void *ctx) {
    ClassObj *c;
    if (IS_INSTANCE(v)) { each_in(AS_INST(v)->dict, fn, ctx); c = AS_INST(v)->cls; }
    else if (IS_CLASS(v)) c = AS_CLASS(v);
    else return;
    for (int i = 0; i + 1 < c->nmro; i++) each_in(c->mro[i]->dict, fn, ctx);
}
Value cls_method_func(Value m) { return IS_A(m, cls_method_class) ? ((Method *)AS_OBJ(m))->func : VAL_UNDEF; }
Str *cls_doc(Value klass) {
    if (!IS_CLASS(klass)) return NULL;
    for (int64_t k = 0; k < AS_CLASS(klass)->dict->nentries; k++) {
        DictEntry *e = &AS_CLASS(klass)->dict->entries[k];
        if (IS_A(e->key, str_class) && !strcmp(((Str *)AS_OBJ(e->key))->data, "__doc__"))
            return IS_A(e->val, str_class) ? (Str *)AS_OBJ(e->val) : NULL;
    }
    return NULL;
}
const char *cls_type_name(Value inst) { return AS_INST(inst)->cls->name->data; }
Value cls_type_of(Value inst) { return val_obj(AS_INST(inst)->cls); }

/* ---- instances ---------------------------------------------------------------------- */
static void inst_traverse(Obj *o, void (*visit)(Value, void *), void *ctx) {
    visit(val_obj(((Instance *)o)->dict), ctx);
}

static void inst_free(Obj *o) {
    Instance *x = (Instance *)o;
    obj_untrack(&x->link);
    obj_decref(&x->dict->h);
    obj_decref(&x->cls->h);
    obj_dealloc(o, sizeof(Instance));
}

static bool default_repr(Interp *I, StrBuf *sb, Value self) {
    ClassObj *c = AS_INST(self)->cls;
    const char *m = class_module(I, c);
    if (!strcmp(m, "builtins")) sb_printf(sb, "<%s object at %p>", c->qualname->data, (void *)AS_OBJ(self));
    else sb_printf(sb, "<%s.%s object at %p>", m, c->qualname->data, (void *)AS_OBJ(self));
    return true;
}

/* Call dunder d of an instance; V_UNDEF when the class does not define it. */
static Value call_dunder(Interp *I, Value self, Dunder d, int argc, const Value *argv) {
    Value f = udunder(I, self, d);
    if (IS_UNDEF(f)) return VAL_UNDEF;
    if (IS_NONE(f))
        return err_raise(I, EXC_TypeError, "'NoneType' object is not callable");
    return call_with_self(I, f, self, argc, argv, NULL);
}

/* Append r (consumed), the result of a __str__ / __repr__ call: a str, else TypeError. */
bool cls_str_result(Interp *I, StrBuf *sb, Value r, const char *what) {
    if (IS_ERR(r)) return false;
    if (!IS_A(r, str_class)) {
        err_raise(I, EXC_TypeError, "%s returned non-string (type %s)", what, val_type_name(r));
        val_decref(r);
        return false;
    }
    sb_putn(sb, ((Str *)AS_OBJ(r))->data, (size_t)((Str *)AS_OBJ(r))->len);
    val_decref(r);
    return true;
}

static bool inst_repr(Interp *I, StrBuf *sb, Value self) {
    Value r = call_dunder(I, self, D_REPR, 0, NULL);
    if (IS_UNDEF(r)) return default_repr(I, sb, self);
    return cls_str_result(I, sb, r, "__repr__");
}

static bool inst_str(Interp *I, StrBuf *sb, Value self) {
    Value r = call_dunder(I, self, D_STR, 0, NULL);
    if (IS_UNDEF(r)) return inst_repr(I, sb, self);
    return cls_str_result(I, sb, r, "__str__");
}

static bool inst_format(Interp *I, StrBuf *sb, Value self, const char *spec, size_t n) {
    if (!IS_UNDEF(udunder(I, self, D_FORMAT))) {
        Value s = val_str(I, spec, n);
        if (IS_ERR(s)) return false;
        Value r = call_dunder(I, self, D_FORMAT, 1, &s);
        val_decref(s);
        return cls_str_result(I, sb, r, "__format__");
    }
    if (n == 0) return inst_str(I, sb, self);
    err_raise(I, EXC_TypeError, "unsupported format string passed to %s.__format__", cls_type_name(self));
    return false;
}

static Value inst_attr_error(Interp *I, Instance *x, Str *name) {
    Str *cands[256];
    int n = 0;
    for (int64_t k = 0; k < x->dict->nentries && n < 256; k++)
        if (IS_A(x->dict->entries[k].key, str_class)) cands[n++] = (Str *)AS_OBJ(x->dict->entries[k].key);
    for (int i = 0; i + 1 < x->cls->nmro; i++) {
        Dict *d = x->cls->mro[i]->dict;
        for (int64_t k = 0; k < d->nentries && n < 256; k++)
            if (IS_A(d->entries[k].key, str_class)) cands[n++] = (Str *)AS_OBJ(d->entries[k].key);
    }
    Str *s = eval_suggest(name, cands, n);
    if (s)
        return err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'. Did you mean: '%s'?",
                         x->cls->name->data, name->data, s->data);
    return err_raise(I, EXC_AttributeError, "'%s' object has no attribute '%s'", x->cls->name->data, name->data);
}

static Value inst_getattr(Interp *I, Value self, Str *name) {
    Instance *x = AS_INST(self);
    Value ca = lookup(x->cls, name, false);
    if (IS_A(ca, cls_property_class)) {
        Property *p = (Property *)AS_OBJ(ca);
        if (IS_NONE(p->fget))
            return err_raise(I, EXC_AttributeError, "property '%s' of '%s' object has no getter", name->data, x->cls->name->data);
        return val_call(I, p->fget, 1, &self, NULL);
    }
    Value v = dict_get_str(x->dict, name);
    if (!IS_UNDEF(v)) return val_incref(v);
    if (!IS_UNDEF(ca)) return bind(I, ca, self, x->cls);
    if (name_is(I, name, D_CLASS)) return val_incref(val_obj(x->cls));
    if (name_is(I, name, D_DICT)) return val_incref(val_obj(x->dict));
    if (name_is(I, name, D_DOC)) return VAL_NONE;
    if (name_is(I, name, D_MODULE)) return val_str(I, class_module(I, x->cls), strlen(class_module(I, x->cls)));
    Value ga = udunder(I, self, D_GETATTR);
    if (!IS_UNDEF(ga)) {
        Value nm = val_obj(name);
        return call_with_self(I, ga, self, 1, &nm, NULL);
    }
    return inst_attr_error(I, x, name);
}

/* object.__setattr__: a property's setter, else the instance dict */
static bool generic_setattr(Interp *I, Value self, Str *name, Value v) {
    Instance *x = AS_INST(self);
    Value ca = lookup(x->cls, name, false);
    if (IS_A(ca, cls_property_class)) {
        Property *p = (Property *)AS_OBJ(ca);
        if (IS_NONE(p->fset)) {
            err_raise(I, EXC_AttributeError, "property '%s' of '%s' object has no setter", name->data, x->cls->name->data);
            return false;
        }
        Value args[2] = {self, v};
        Value r = val_call(I, p->fset, 2, args, NULL);
        if (IS_ERR(r)) return false;
        val_decref(r);
        return true;
    }
    if (!name->interned) { /* keys stay interned, so dict_get_str finds them by pointer first */
        Str *s = str_intern(I, name->data, (size_t)name->len);
        if (!s) return false;
        bool ok = dict_set(I, x->dict, val_obj(s), v);
        obj_decref(&s->h);
        return ok;
    }
    return dict_set(I, x->dict, val_obj(name), v);
}

static bool inst_setattr(Interp *I, Value self, Str *name, Value v) {
    Value sa = udunder(I, self, D_SETATTR);
    if (IS_UNDEF(sa)) return generic_setattr(I, self, name, v);
    Value args[2] = {val_obj(name), v};
    Value r = call_with_self(I, sa, self, 2, args, NULL);
    if (IS_ERR(r)) return false;
    val_decref(r);
    return true;
}

static bool generic_delattr(Interp *I, Value obj, Str *name);
bool cls_delattr(Interp *I, Value obj, Str *name) {
    if (IS_CLASS(obj)) {
        bool found;
        if (!dict_del(I, AS_CLASS(obj)->dict, val_obj(name), &found)) return false;
        if (!found) { err_raise(I, EXC_AttributeError, "type object '%s' has no attribute '%s'", AS_CLASS(obj)->name->data, name->data); return false; }
        return true;
    }
    Value da = udunder(I, obj, D_DELATTR);
    if (!IS_UNDEF(da)) {
        Value nm = val_obj(name);
        Value r = call_with_self(I, da, obj, 1, &nm, NULL);
        if (IS_ERR(r)) return false;
        val_decref(r);
        return true;
    }
    return generic_delattr(I, obj, name);
}

/* object.__delattr__: a property's deleter, else the instance dict */
static bool generic_delattr(Interp *I, Value obj, Str *name) {
    Instance *x = AS_INST(obj);
    Value ca = lookup(x->cls, name, false);
    if (IS_A(ca, cls_property_class)) {
        Property *p = (Property *)AS_OBJ(ca);
        if (IS_NONE(p->fdel)) {
            err_raise(I, EXC_AttributeError, "property '%s' of '%s' object has no deleter", name->data, x->cls->name->data);
            return false;
        }
        Value r = val_call(I, p->fdel, 1, &obj, NULL);
        if (IS_ERR(r)) return false;
        val_decref(r);
        return true;
    }
    bool found;
    if (!dict_del(I, x->dict, val_obj(name), &found)) return false;
    if (!found) { inst_attr_error(I, x, name); return false; }
    return true;
}

/* Binary operators with Python's order: the right operand's reflected method first when its
 * class derives from the left's, then left.__op__, then right.__rop__; NotImplemented declines. */
static Dunder fwd_dunder(BinOp op) { return op >= BIN_LT ? (Dunder)(D_LT + (op - BIN_LT)) : (Dunder)(D_ADD + 3 * (op - BIN_ADD)); }
static Dunder rev_dunder(BinOp op) {
    switch (op) {
    case BIN_LT: return D_GT;
    case BIN_LE: return D_GE;
    case BIN_GT: return D_LT;
    case BIN_GE: return D_LE;
    case BIN_EQ: return D_EQ;
    case BIN_NE: return D_NE;
    default: return (Dunder)(D_RADD + 3 * (op - BIN_ADD));
    }
}

static Value try_dunder(Interp *I, Value self, Dunder d, Value other) {
    Value f = udunder(I, self, d);
    if (IS_UNDEF(f) || IS_NONE(f)) {
        if (d != D_NE || IS_UNDEF(f = udunder(I, self, D_EQ)) || IS_NONE(f)) return VAL_NOTIMPL;
        /* object.__ne__: the inverse of __eq__ */
        Value r = call_with_self(I, f, self, 1, &other, NULL);
        if (IS_ERR(r) || IS_NOTIMPL(r)) return r;
        int t = val_truth(I, r);
        val_decref(r);
        return t < 0 ? VAL_ERR : val_bool(!t);
    }
    return call_with_self(I, f, self, 1, &other, NULL);
}

static Value inst_binop(Interp *I, BinOp op, Value a, Value b) {
    bool ai = IS_INSTANCE(a), bi = IS_INSTANCE(b);
    bool cmp = op >= BIN_LT;
    Dunder fd = fwd_dunder(op), rd = rev_dunder(op);
    bool same = ai && bi && AS_INST(a)->cls == AS_INST(b)->cls;
    bool b_first = ai && bi && !same && subclass_of(AS_INST(b)->cls, AS_INST(a)->cls) &&
                   !IS_UNDEF(udunder(I, b, rd)) && udunder(I, b, rd).as.o != udunder(I, a, rd).as.o;
    Value r;
    if (b_first) {
        r = try_dunder(I, b, rd, a);
        if (!IS_NOTIMPL(r)) return r;
    }
    if (ai) {
        r = try_dunder(I, a, fd, b);
        if (!IS_NOTIMPL(r)) return r;
    }
    if (bi && !b_first && (!same || cmp)) {
        r = try_dunder(I, b, rd, a);
        if (!IS_NOTIMPL(r)) return r;
    }
    return VAL_NOTIMPL;
}

static Value inst_ibinop(Interp *I, BinOp op, Value self, Value other) {
    if (op >= BIN_LT) return VAL_NOTIMPL;
    Value f = udunder(I, self, (Dunder)(D_IADD + 3 * (op - BIN_ADD)));
    if (IS_UNDEF(f)) return VAL_NOTIMPL;
    return call_with_self(I, f, self, 1, &other, NULL);
}

static Value inst_unop(Interp *I, UnOp op, Value a) {
    Dunder d = op == UN_NEG ? D_NEG : op == UN_POS ? D_POS : D_INVERT;
    Value r = call_dunder(I, a, d, 0, NULL);
    return IS_UNDEF(r) ? VAL_NOTIMPL : r;
}

static Value inst_getitem(Interp *I, Value self, Value key) {
    Value r = call_dunder(I, self, D_GETITEM, 1, &key);
    if (IS_UNDEF(r)) return err_raise(I, EXC_TypeError, "'%s' object is not subscriptable", cls_type_name(self));
    return r;
}
static bool inst_setitem(Interp *I, Value self, Value key, Value v) {
    Value args[2] = {key, v};
    Value r = call_dunder(I, self, D_SETITEM, 2, args);
    if (IS_UNDEF(r)) { err_raise(I, EXC_TypeError, "'%s' object does not support item assignment", cls_type_name(self)); return false; }
    if (IS_ERR(r)) return false;
    val_decref(r);
    return true;
}
static bool inst_delitem(Interp *I, Value self, Value key) {
    Value r = call_dunder(I, self, D_DELITEM, 1, &key);
    if (IS_UNDEF(r)) { err_raise(I, EXC_TypeError, "'%s' object doesn't support item deletion", cls_type_name(self)); return false; }
    if (IS_ERR(r)) return false;
    val_decref(r);
    return true;
}

static int64_t inst_len(Interp *I, Value self) {
    Value r = call_dunder(I, self, D_LEN, 0, NULL);
    if (IS_UNDEF(r)) { err_raise(I, EXC_TypeError, "object of type '%s' has no len()", cls_type_name(self)); return -1; }
    if (IS_ERR(r)) return -1;
    if (!IS_INT(r) && !IS_BOOL(r)) {
        err_raise(I, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(r));
        val_decref(r);
        return -1;
    }
    int64_t n = IS_INT(r) ? r.as.i : r.as.b;
    if (n < 0) { err_raise(I, EXC_ValueError, "__len__() should return >= 0"); return -1; }
    return n;
}

static int inst_truth(Interp *I, Value self) {
    Value r = call_dunder(I, self, D_BOOL, 0, NULL);
    if (IS_UNDEF(r)) {
        if (IS_UNDEF(udunder(I, self, D_LEN))) return 1;
        int64_t n = inst_len(I, self);
        return n < 0 ? -1 : n != 0;
    }
    if (IS_ERR(r)) return -1;
    if (!IS_BOOL(r)) {
        err_raise(I, EXC_TypeError, "__bool__ should return bool, returned %s", val_type_name(r));
        val_decref(r);
        return -1;
    }
    return r.as.b;
}

/* iteration: __iter__, or the old sequence protocol over __getitem__(0), (1), ... */
typedef struct SeqIter { Obj h; Value seq; int64_t i; } SeqIter;
static void seqit_free(Obj *o) { val_decref(((SeqIter *)o)->seq); obj_dealloc(o, sizeof(SeqIter)); }
static Value seqit_iter(Interp *I, Value self) { return val_incref(self); }
static Value seqit_next(Interp *I, Value self) {
    SeqIter *s = (SeqIter *)AS_OBJ(self);
    if (IS_UNDEF(s->seq)) return VAL_UNDEF;
    Value r = val_getitem(I, s->seq, val_int(s->i));
    if (IS_ERR(r) && (err_is(I, EXC_IndexError) || err_is(I, EXC_StopIteration))) {
        err_clear(I);
        val_decref(s->seq);
        s->seq = VAL_UNDEF;
        return VAL_UNDEF;
    }
    s->i++;
    return r;
}
static const ObjClass seqit_class = {.name = "iterator", .free = seqit_free, .iter = seqit_iter, .next = seqit_next};

static Value inst_iter(Interp *I, Value self) {
    Value r = call_dunder(I, self, D_ITER, 0, NULL);
    if (IS_UNDEF(r)) {
        if (IS_UNDEF(udunder(I, self, D_GETITEM)))
            return err_raise(I, EXC_TypeError, "'%s' object is not iterable", cls_type_name(self));
        SeqIter *s = obj_new(I, &seqit_class, sizeof(SeqIter));
        if (!s) return VAL_ERR;
        s->seq = val_incref(self);
        s->i = 0;
        return val_obj(s);
    }
    if (IS_ERR(r)) return r;
    bool is_iter = IS_INSTANCE(r) ? !IS_UNDEF(udunder(I, r, D_NEXT)) : IS_OBJ(r) && AS_OBJ(r)->cls->next;
    if (!is_iter) {
        err_raise(I, EXC_TypeError, "iter() returned non-iterator of type '%s'", val_type_name(r));
        val_decref(r);
        return VAL_ERR;
    }
    return r;
}

static Value inst_next(Interp *I, Value self) {
    Value r = call_dunder(I, self, D_NEXT, 0, NULL);
    if (IS_UNDEF(r)) return err_raise(I, EXC_TypeError, "'%s' object is not an iterator", cls_type_name(self));
    if (IS_ERR(r) && err_is(I, EXC_StopIteration)) { err_clear(I); return VAL_UNDEF; }
    return r;
}

static bool inst_contains(Interp *I, Value self, Value item, bool *out) {
    Value r = call_dunder(I, self, D_CONTAINS, 1, &item);
    if (IS_UNDEF(r)) {
        if (IS_UNDEF(udunder(I, self, D_ITER)) && IS_UNDEF(udunder(I, self, D_GETITEM))) {
            err_raise(I, EXC_TypeError, "argument of type '%s' is not iterable", cls_type_name(self));
            return false;
        }
        return val_iter_contains(I, inst_iter(I, self), item, out);
    }
    if (IS_ERR(r)) return false;
    int t = val_truth(I, r);
    val_decref(r);
    if (t < 0) return false;
    *out = t;
    return true;
}

static Value inst_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    Value f = udunder(I, self, D_CALL);
    if (IS_UNDEF(f)) return err_raise(I, EXC_TypeError, "'%s' object is not callable", cls_type_name(self));
    return call_with_self(I, f, self, argc, argv, kw);
}

bool cls_callable(Value v) {
    if (!IS_INSTANCE(v)) return IS_OBJ(v) && AS_OBJ(v)->cls->call != NULL;
    ClassObj *c = AS_INST(v)->cls;
    for (int i = 0; i + 1 < c->nmro; i++) {
        Dict *d = c->mro[i]->dict;
        for (int64_t k = 0; k < d->nentries; k++)
            if (IS_A(d->entries[k].key, str_class) && !strcmp(((Str *)AS_OBJ(d->entries[k].key))->data, "__call__")) return true;
    }
    return false;
}

/* __hash__: the first class along the mro that defines __hash__ or __eq__ decides: __eq__
 * without __hash__ (or __hash__ = None) makes instances unhashable, as in Python. */
static bool inst_hash(Interp *I, Value self, uint64_t *out) {
    ClassObj *c = AS_INST(self)->cls;
    for (int i = 0; i + 1 < c->nmro; i++) {
        Value h = dict_get_str(c->mro[i]->dict, dn(I, D_HASH));
        if (IS_UNDEF(h) && IS_UNDEF(dict_get_str(c->mro[i]->dict, dn(I, D_EQ)))) continue;
        if (IS_UNDEF(h) || IS_NONE(h)) {
            err_raise(I, EXC_TypeError, "unhashable type: '%s'", c->name->data);
            return false;
        }
        Value r = call_with_self(I, h, self, 0, NULL, NULL);
        if (IS_ERR(r)) return false;
        if (!IS_INT(r) && !IS_BOOL(r)) {
            err_raise(I, EXC_TypeError, "__hash__ method should return an integer");
            val_decref(r);
            return false;
        }
        return val_hash(I, r, out);
    }
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}

static Value inst_number(Interp *I, Value self, Dunder d, const char *what) {
    Value r = call_dunder(I, self, d, 0, NULL);
    if (IS_UNDEF(r) && d == D_INT) r = call_dunder(I, self, D_INDEX, 0, NULL);
    if (IS_UNDEF(r))
        return err_raise(I, EXC_TypeError, "%s() argument must be a string or a %s number, not '%s'", what,
                         d == D_FLOAT ? "real" : "real", cls_type_name(self));
    if (IS_ERR(r)) return r;
    if (d == D_FLOAT ? !IS_FLOAT(r) : !IS_INT(r)) {
        err_raise(I, EXC_TypeError, "%s returned non-%s (type %s)", dunder_name[d], what, val_type_name(r));
        val_decref(r);
        return VAL_ERR;
    }
    return r;
}
static Value inst_to_float(Interp *I, Value self) { return inst_number(I, self, D_FLOAT, "float"); }
static Value inst_to_int(Interp *I, Value self) { return inst_number(I, self, D_INT, "int"); }

static Value inst_enter(Interp *I, Value self) {
    Value r = call_dunder(I, self, D_ENTER, 0, NULL);
    if (IS_UNDEF(r) || IS_UNDEF(udunder(I, self, D_EXIT)))
        return err_raise(I, EXC_TypeError, "'%s' object does not support the context manager protocol", cls_type_name(self));
    return r;
}
static bool inst_exit(Interp *I, Value self) {
    Value args[3] = {VAL_NONE, VAL_NONE, VAL_NONE};
    Value r = call_dunder(I, self, D_EXIT, 3, args);
    if (IS_ERR(r)) return false;
    val_decref(r);
    return true;
}

const ObjClass cls_instance_class = {
    .name = "object",
    .free = inst_free,
    .repr = inst_repr,
    .str = inst_str,
    .format = inst_format,
    .getattr = inst_getattr,
    .setattr = inst_setattr,
    .binop = inst_binop,
    .ibinop = inst_ibinop,
    .unop = inst_unop,
    .getitem = inst_getitem,
    .setitem = inst_setitem,
    .delitem = inst_delitem,
    .iter = inst_iter,
    .next = inst_next,
    .len = inst_len,
    .truth = inst_truth,
    .contains = inst_contains,
    .call = inst_call,
    .hash = inst_hash,
    .to_float = inst_to_float,
    .to_int = inst_to_int,
    .enter = inst_enter,
    .exit = inst_exit,
    .type_name = cls_type_name,
    .traverse = inst_traverse,
};

/* ---- super -------------------------------------------------------------------------- */
typedef struct Super { Obj h; ClassObj *start; Value self; ClassObj *objcls; } Super;
static void super_free(Obj *o) {
    Super *s = (Super *)o;
    obj_decref(&s->start->h);
    obj_decref(&s->objcls->h);
    val_decref(s->self);
    obj_dealloc(o, sizeof(Super));
}
static bool super_repr(Interp *I, StrBuf *sb, Value self) {
    Super *s = (Super *)AS_OBJ(self);
    sb_printf(sb, "<super: <class '%s'>, <%s object>>", s->start->name->data, s->objcls->name->data);
    return true;
}
static Value super_getattr(Interp *I, Value self, Str *name) {
    Super *s = (Super *)AS_OBJ(self);
    ClassObj *c = s->objcls;
    int i = 0;
    while (i < c->nmro && c->mro[i] != s->start) i++;
    for (i++; i < c->nmro; i++) {
        Value v = dict_get_str(c->mro[i]->dict, name);
        if (IS_UNDEF(v)) continue;
        if (IS_A(v, cls_property_class)) {
            Property *p = (Property *)AS_OBJ(v);
            if (IS_NONE(p->fget)) break;
            return val_call(I, p->fget, 1, &s->self, NULL);
        }
        return bind(I, v, IS_INSTANCE(s->self) || IS_A(s->self, exc_class) ? s->self : VAL_UNDEF, c);
    }
    return err_raise(I, EXC_AttributeError, "'super' object has no attribute '%s'", name->data);
}
const ObjClass cls_super_class = {.name = "super", .free = super_free, .repr = super_repr, .getattr = super_getattr};

Value cls_super_new(Interp *I, Value klass, Value self) {
    if (!IS_CLASS(klass)) return err_raise(I, EXC_TypeError, "super() argument 1 must be a type, not %s", val_type_name(klass));
    ClassObj *oc;
    if (IS_INSTANCE(self) && subclass_of(AS_INST(self)->cls, AS_CLASS(klass))) oc = AS_INST(self)->cls;
    else if (IS_A(self, exc_class) && IS_CLASS(((ExcObj *)AS_OBJ(self))->type) &&
             subclass_of(AS_CLASS(((ExcObj *)AS_OBJ(self))->type), AS_CLASS(klass)))
        oc = AS_CLASS(((ExcObj *)AS_OBJ(self))->type);
    else if (IS_CLASS(self) && subclass_of(AS_CLASS(self), AS_CLASS(klass))) oc = AS_CLASS(self);
    else return err_raise(I, EXC_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    Super *s = obj_new(I, &cls_super_class, sizeof(Super));
    if (!s) return VAL_ERR;
    s->start = AS_CLASS(klass);
    obj_incref(&s->start->h);
    s->objcls = oc;
    obj_incref(&oc->h);
    s->self = val_incref(self);
    return val_obj(s);
}

Value cls_super_builtin(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "super() takes no keyword arguments");
    if (argc == 0) return err_raise(I, EXC_RuntimeError, "super(): no arguments");
    if (argc != 2) return err_raise(I, EXC_TypeError, "super() takes 2 arguments in ag (%d given)", argc);
    return cls_super_new(I, argv[0], argv[1]);
}

/* ---- object and the builtins -------------------------------------------------------- */
static Value obj_init(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 1 || (kw && kw->n))
        return err_raise(I, EXC_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
    return VAL_NONE;
}
static Value obj_setattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__setattr__", argc, kw, 3, 3)) return VAL_ERR;
    if (!IS_A(argv[1], str_class))
        return err_raise(I, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(argv[1]));
    return generic_setattr(I, argv[0], (Str *)AS_OBJ(argv[1]), argv[2]) ? VAL_NONE : VAL_ERR;
}
/* object.__new__(cls): an instance whose __init__ has not run (copy.copy makes them so) */
static Value obj_new_instance(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1) return err_raise(I, EXC_TypeError, "object.__new__(): not enough arguments");
    if (!IS_CLASS(argv[0])) return err_raise(I, EXC_TypeError, "object.__new__(X): X is not a type object (%s)", val_type_name(argv[0]));
    ClassObj *c = AS_CLASS(argv[0]);
    for (int i = 0; i < c->nmro; i++)
        if (c->mro[i]->peer == &exc_class) /* exception instances are exception objects (exc.c) */
            return err_raise(I, EXC_TypeError, "object.__new__(%s) is not safe, use %s.__new__()", c->name->data, c->name->data);
    Instance *x = new_instance(I, c);
    if (!x) return VAL_ERR;
    return val_obj(x);
}
static Value obj_delattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__delattr__", argc, kw, 2, 2)) return VAL_ERR;
    if (!IS_A(argv[1], str_class))
        return err_raise(I, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(argv[1]));
    return generic_delattr(I, argv[0], (Str *)AS_OBJ(argv[1])) ? VAL_NONE : VAL_ERR;
}
static Value obj_repr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__repr__", argc, kw, 1, 1)) return VAL_ERR;
    StrBuf sb;
    sb_init(&sb);
    default_repr(I, &sb, argv[0]);
    return sb_to_str(I, &sb);
}
static Value obj_str(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "__str__", argc, kw, 1, 1)) return VAL_ERR;
    return val_to_repr(I, argv[0]);
}
static const MethodDef object_methods[] = {
    {"__init__", obj_init, "object.__init__(self)", "Initialise an instance (does nothing)."},
    {"__setattr__", obj_setattr, "object.__setattr__(self, name, value)", "Set an attribute in the instance's dict (a property's setter first)."},
    {"__new__", obj_new_instance, "object.__new__(cls)", "A new instance of cls whose __init__ has not run."},
    {"__delattr__", obj_delattr, "object.__delattr__(self, name)", "Delete an attribute from the instance's dict (a property's deleter first)."},
    {"__repr__", obj_repr, "object.__repr__(self)", "The default repr: <module.Class object at 0x...>."},
    {"__str__", obj_str, "object.__str__(self)", "str(self): repr(self) unless the class says otherwise."},
    {NULL, NULL, NULL, NULL},
};

static bool class_arg(Interp *I, const char *fname, Value t, bool *out, Value x, bool inst) {
    if (IS_CLASS(t)) { *out = inst ? cls_isinstance(x, t) : cls_issubclass(x, t); return true; }
    if (!inst && IS_A(t, type_class) && ((TypeObj *)AS_OBJ(t))->cls == &exc_class) { *out = exc_issubclass(I, x, (TypeObj *)AS_OBJ(t)); return true; }
    if (!inst && IS_A(t, type_class)) { /* built-in types: the same one, or bool under int */
        *out = IS_A(x, type_class) && (x.as.o == t.as.o ||
               (((TypeObj *)AS_OBJ(x))->vkind == V_BOOL && ((TypeObj *)AS_OBJ(t))->vkind == V_INT));
        return true;
    }
    err_raise(I, EXC_TypeError, "%s() arg 2 must be a class, a tuple of classes, or a union", fname);
    return false;
}
static Value bi_issubclass(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "issubclass", argc, kw, 2, 2)) return VAL_ERR;
    if (!IS_CLASS(argv[0]) && !IS_A(argv[0], type_class)) return err_raise(I, EXC_TypeError, "issubclass() arg 1 must be a class");
    bool r = false;
    if (IS_A(argv[1], tuple_class)) {
        Tuple *t = (Tuple *)AS_OBJ(argv[1]);
        for (int64_t i = 0; i < t->len && !r; i++)
            if (!class_arg(I, "issubclass", t->items[i], &r, argv[0], false)) return VAL_ERR;
        return val_bool(r);
    }
    if (!class_arg(I, "issubclass", argv[1], &r, argv[0], false)) return VAL_ERR;
    return val_bool(r);
}

static Value bi_vars(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "vars", argc, kw, 1, 1)) return VAL_ERR;
    if (IS_INSTANCE(argv[0])) return val_incref(val_obj(AS_INST(argv[0])->dict));
    if (IS_CLASS(argv[0])) return val_incref(val_obj(AS_CLASS(argv[0])->dict));
    return err_raise(I, EXC_TypeError, "vars() argument must have __dict__ attribute");
}

static Value bi_delattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "delattr", argc, kw, 2, 2)) return VAL_ERR;
    if (!IS_A(argv[1], str_class))
        return err_raise(I, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(argv[1]));
    Str *name = str_intern(I, ((Str *)AS_OBJ(argv[1]))->data, (size_t)((Str *)AS_OBJ(argv[1]))->len);
    if (!name) return VAL_ERR;
    bool ok = false;
    if (IS_INSTANCE(argv[0]) || IS_CLASS(argv[0])) ok = cls_delattr(I, argv[0], name);
    else err_raise(I, EXC_AttributeError, "'%s' object attribute '%s' is read-only", val_type_name(argv[0]), name->data);
    obj_decref(&name->h);
    return ok ? VAL_NONE : VAL_ERR;
}

static const MethodDef cls_builtins[] = {
    {"super", cls_super_builtin, "super() / super(Class, self)", "The parent classes' view of self: super().__init__(...) calls the next __init__ along the mro."},
    {"property", bi_property, "property(fget=None, fset=None, fdel=None, doc=None)", "An attribute computed by methods (@property, @x.setter)."},
    {"staticmethod", bi_staticmethod, "staticmethod(f)", "A function in a class that takes no self (@staticmethod)."},
    {"classmethod", bi_classmethod, "classmethod(f)", "A method that receives the class as its first argument (@classmethod)."},
    {"issubclass", bi_issubclass, "issubclass(cls, class_or_tuple)", "Whether cls derives from the class (or one of the classes)."},
    {"vars", bi_vars, "vars(obj)", "The __dict__ of an instance or a class."},
    {"delattr", bi_delattr, "delattr(obj, name)", "Delete a named attribute of obj (del obj.name)."},
    {NULL, NULL, NULL, NULL},
};

bool cls_builtins_init(Interp *I, Module *b) {
    ClsState *cs = mem_calloc(1, sizeof *cs);
    if (!cs) { err_nomem(I); return false; }
    I->class_state = cs;
    for (int i = 0; i < D__COUNT; i++)
        if (!(cs->d[i] = str_intern(I, dunder_name[i], strlen(dunder_name[i])))) return false;
    if (!module_add_natives(I, b, cls_builtins)) return false;
    Str *name = str_intern(I, "object", 6), *mod = str_intern(I, "builtins", 8);
    Dict *d = dict_new(I);
    ClassObj *o = name && mod && d ? class_alloc(I, name, NULL, mod, d) : NULL;
    if (name) obj_decref(&name->h);
    if (mod) obj_decref(&mod->h);
    if (d) obj_decref(&d->h);
    if (!o) return false;
    cs->object = o;
    o->mro = mem_alloc(sizeof(ClassObj *));
    if (!o->mro) { err_nomem(I); return false; }
    o->mro[0] = o;
    o->nmro = 1;
    for (const MethodDef *m = object_methods; m->name; m++) {
        Value f = native_new(I, m, VAL_UNDEF);
        if (IS_ERR(f)) return false;
        if (m->fn != obj_new_instance) ((Native *)AS_OBJ(f))->owner = &cls_instance_class; /* __new__ takes the class, unbound */
        Str *k = str_intern(I, m->name, strlen(m->name));
        bool ok = k && dict_set(I, o->dict, val_obj(k), f);
        if (k) obj_decref(&k->h);
        val_decref(f);
        if (!ok) return false;
    }
    return module_set(I, b, "object", val_obj(o)) && module_set(I, b, "NotImplemented", VAL_NOTIMPL);
}

void cls_state_free(Interp *I) {
    ClsState *cs = CS(I);
    if (!cs) return;
    for (int i = 0; i < D__COUNT; i++)
        if (cs->d[i]) obj_decref(&cs->d[i]->h);
    if (cs->object) obj_decref(&cs->object->h);
    mem_free(cs, sizeof *cs);
    I->class_state = NULL;
}
