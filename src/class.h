/* class.h — user-defined classes: class objects, instances, bound methods, super,
 * property / staticmethod / classmethod (prefix cls_).
 *
 * A class is a ClassObj: its name, bases, the C3 linearisation of its bases (mro, itself
 * first, `object` last) and a Dict of its attributes (what the class body bound). An
 * instance is an Instance: its class and a Dict of its own attributes. Every operator and
 * builtin reaches an instance through cls_instance_class, whose slots look the dunder method
 * up along the mro (__add__, __repr__, __len__, ...) and call it; what `object` gives
 * (identity ==, identity hash, the default repr) is in C.
 *
 * Cycles (obj.me = obj, methods stored on instances, closures capturing the instance) all pass
 * through an instance's or a class's Dict, which dict_new registers with obj_track: the
 * session's end empties them, so nothing leaks. */
#ifndef AG_CLASS_H
#define AG_CLASS_H
#include "interp.h"

typedef struct ClassObj {
    Obj h;
    Str *name, *qualname;       /* one reference each */
    Str *module;                /* "__main__", "torch", ...; one reference */
    int nbases, nmro;
    struct ClassObj **bases;    /* one reference each */
    struct ClassObj **mro;      /* mro[0] is the class itself (not counted), the rest one reference each */
    Dict *dict;                 /* one reference */
    const ObjClass *peer;       /* native objects that count as instances too (nn.Module: the
                                 * native layers), or NULL */
} ClassObj;

typedef struct Instance {
    Obj h;
    ObjLink link;               /* registered (obj_track): the cycle collector looks through it */
    ClassObj *cls;              /* one reference */
    Dict *dict;                 /* one reference */
} Instance;

extern const ObjClass cls_class_class;     /* "type": class objects */
extern const ObjClass cls_instance_class;  /* instances of user classes */
extern const ObjClass cls_method_class;    /* "method": a function bound to an instance */
extern const ObjClass cls_super_class;
#define IS_CLASS(v) IS_A(v, cls_class_class)
#define IS_INSTANCE(v) IS_A(v, cls_instance_class)

/* The class statement: a new class from the bindings of its body (d, borrowed) and its bases
 * (borrowed; each must be a class). qualname NULL: the name. A new reference or VAL_ERR. */
Value cls_new(Interp *I, Str *name, Str *qualname, Str *module, int nbases, const Value *bases, Dict *d);
/* super(klass, self) as the zero-argument form inside a method builds it. */
Value cls_super_new(Interp *I, Value klass, Value self);
/* The builtin super: the evaluator recognises it to supply the zero-argument form. */
Value cls_super_builtin(Interp *I, int argc, const Value *argv, const KwArgs *kw);
/* isinstance / issubclass for class objects: x's class is klass or derives from it. */
bool cls_isinstance(Value x, Value klass);
bool cls_issubclass(Value sub, Value klass);
/* klass.name looked up along klass's mro and bound to self (functions become methods);
 * V_UNDEF if no class on the mro has it. For native objects that are instances of a class
 * (exception objects of a class derived by ag code: exc.c). */
Value cls_class_attr(Interp *I, Value klass, Str *name, Value self);
const char *cls_type_name(Value inst);     /* the class's __name__ */
Value cls_type_of(Value inst);              /* borrowed: the instance's class */
bool cls_delattr(Interp *I, Value obj, Str *name);
bool cls_callable(Value v);
/* Native objects of class peer are instances of klass (isinstance(nn.Linear(1, 1), nn.Module)). */
void cls_set_native_peer(Value klass, const ObjClass *peer);
/* v is an instance of a user class deriving from the class whose peer is `peer`. */
bool cls_derives_from_peer(Value v, const ObjClass *peer);                 /* instances: whether the class defines __call__ */

/* Every attribute name of an instance (its own, then its classes') or of a class, with its value
 * (borrowed), for tab completion. */
void cls_each_attr(Value v, void (*fn)(void *ctx, Str *name, Value val), void *ctx);
Value cls_method_func(Value m);             /* a bound method's function (borrowed) */
Str *cls_doc(Value klass);                  /* a class's docstring (borrowed), or NULL */

/* Builtins: object, super, property, staticmethod, classmethod, issubclass, vars,
 * NotImplemented. Called by bi_create. */
bool cls_builtins_init(Interp *I, Module *b);
void cls_state_free(Interp *I);             /* interp_free: the interned dunder names */

/* Append r (consumed), the result of calling __str__ / __repr__ (`what`): a str, else TypeError. */
bool cls_str_result(Interp *I, StrBuf *sb, Value r, const char *what);
#endif
