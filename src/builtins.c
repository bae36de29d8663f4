/* builtins.c — the builtins module, type objects, and the sys and math modules (prefix bi_).
 *
 * One MethodDef table (bi_table) lists every builtin with its signature and a one-line doc;
 * :help and tab completion read it. The names int, float, str, bool, list, tuple, dict and
 * range are bound to type objects (type(x) returns them, isinstance tests against them)
 * whose call slot runs the same table row. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include "eval.h"
#include "class.h"
#include "exc.h"
#include "tensor.h"
#include "mem.h"
#include "plot.h"
#include "teach.h"
#include "tensor.h"

#define ARGS(fname, n, req, ...)                                                      \
    static const char *const names_[] = {__VA_ARGS__};                               \
    Value a[n];                                                                       \
    if (!nat_args(I, fname, argc, argv, kw, n, names_, req, a)) return VAL_ERR

static bool is_str(Value v) { return IS_A(v, str_class); }
static Str *as_str(Value v) { return (Str *)AS_OBJ(v); }
static Value none_or(Value v) { return IS_UNDEF(v) ? VAL_NONE : v; }

/* A keyword argument by name (borrowed), V_UNDEF if absent; unknown names are an error. */
static bool kw_take(Interp *I, const char *fname, const KwArgs *kw, const char *const *allowed, int nallowed,
                    Value *out) {
    for (int i = 0; i < nallowed; i++) out[i] = VAL_UNDEF;
    if (!kw) return true;
    for (int k = 0; k < kw->n; k++) {
        int hit = -1;
        for (int i = 0; i < nallowed; i++)
            if (strcmp(kw->names[k]->data, allowed[i]) == 0) hit = i;
        if (hit < 0) {
            /* CPython's argument-clinic wording for builtins */
            err_raise(I, EXC_TypeError, "'%s' is an invalid keyword argument for %s()", kw->names[k]->data, fname);
            return false;
        }
        out[hit] = kw->vals[k];
    }
    return true;
}

static bool to_double(Interp *I, Value v, double *out, const char *what) {
    switch (v.kind) {
    case V_INT: *out = (double)v.as.i; return true;
    case V_FLOAT: *out = v.as.f; return true;
    case V_BOOL: *out = v.as.b; return true;
    default: break;
    }
    if (IS_OBJ(v) && AS_OBJ(v)->cls->to_float) {
        Value f = AS_OBJ(v)->cls->to_float(I, v);
        if (IS_ERR(f)) return false;
        if (IS_FLOAT(f)) { *out = f.as.f; return true; }
        if (IS_INT(f)) { *out = (double)f.as.i; return true; }
        val_decref(f);
    }
    err_raise(I, EXC_TypeError, "%s, not %s", what, val_type_name(v));
    return false;
}

static Value float_to_int(Interp *I, double d) {
    if (isnan(d)) return err_raise(I, EXC_ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) return err_raise(I, EXC_OverflowError, "cannot convert float infinity to integer");
    if (d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return err_raise(I, EXC_OverflowError, "int too large to convert to 64-bit integer");
    return val_int((int64_t)d);
}

/* ---- type objects ------------------------------------------------------------------------- */
static void type_free(Obj *o) { obj_dealloc(o, sizeof(TypeObj)); }
static bool type_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<class '%s'>", ((TypeObj *)AS_OBJ(self))->name);
    return true;
}
static Value type_call(Interp *I, Value self, int argc, const Value *argv, const KwArgs *kw) {
    TypeObj *t = (TypeObj *)AS_OBJ(self);
    if (t->cls == &exc_class) return exc_call(I, self, argc, argv, kw);
    if (t->def) return t->def->fn(I, argc, argv, kw);
    return err_raise(I, EXC_TypeError, "cannot create '%s' instances", t->name);
}
/* dict.fromkeys(iterable, value=None) */
static Value dict_fromkeys(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fromkeys", 2, 1, "iterable", "value");
    Value v = none_or(a[1]);
    Value it = val_iter(I, a[0]);
    if (IS_ERR(it)) return it;
    Dict *d = dict_new(I);
    if (!d) { val_decref(it); return VAL_ERR; }
    for (;;) {
        Value k = val_next(I, it);
        if (IS_ERR(k)) { val_decref(it); obj_decref((Obj *)d); return k; }
        if (IS_UNDEF(k)) break;
        bool ok = dict_set(I, d, k, v);
        val_decref(k);
        if (!ok) { val_decref(it); obj_decref((Obj *)d); return VAL_ERR; }
    }
    val_decref(it);
    return val_obj(d);
}
static const MethodDef dict_fromkeys_def = {"fromkeys", dict_fromkeys, "dict.fromkeys(iterable, value=None)",
                                            "A new dict with keys from iterable, each mapped to value."};

static Value type_getattr(Interp *I, Value self, Str *name) {
    TypeObj *t = (TypeObj *)AS_OBJ(self);
    if (strcmp(name->data, "__name__") == 0) {
        /* without the module: numpy.ndarray's __name__ is 'ndarray' */
        const char *dot = strrchr(t->name, '.');
        const char *nm = dot ? dot + 1 : t->name;
        return val_str(I, nm, strlen(nm));
    }
    if (strcmp(name->data, "__module__") == 0) { /* 'builtins'; numpy.ndarray's is 'numpy' */
        const char *dot = strrchr(t->name, '.');
        return dot ? val_str(I, t->name, (size_t)(dot - t->name)) : val_str(I, "builtins", 8);
    }
    if (t->cls == &dict_class && strcmp(name->data, "fromkeys") == 0) return native_new(I, &dict_fromkeys_def, VAL_UNDEF);
    /* unbound methods: str.upper, list.append, ... */
    if (t->cls && t->cls->methods)
        for (const MethodDef *d = t->cls->methods; d->name; d++)
            if (strcmp(d->name, name->data) == 0) {
                Value m = native_new(I, d, VAL_UNDEF);
                if (!IS_ERR(m)) ((Native *)AS_OBJ(m))->owner = t->cls;
                return m;
            }
    return VAL_UNDEF;
}
static bool type_hash(Interp *I, Value self, uint64_t *out) {
    *out = (uint64_t)(uintptr_t)AS_OBJ(self) >> 4;
    return true;
}
/* type(m) == nn.Linear (d2l's init_weights): a native layer's type equals its nn constructor */
static Value type_binop(Interp *I, BinOp op, Value a, Value b) {
    (void)I;
    if (op != BIN_EQ && op != BIN_NE) return VAL_NOTIMPL;
    Value ty = IS_A(a, type_class) ? a : b, other = IS_A(a, type_class) ? b : a;
    if (!IS_A(ty, type_class)) return VAL_NOTIMPL;
    TypeObj *t = (TypeObj *)AS_OBJ(ty);
    int r = nn_type_is(t->cls, t->name, other);
    if (r < 0) return VAL_NOTIMPL;
    return val_bool(op == BIN_EQ ? r : !r);
}

const ObjClass type_class = {
    .name = "type", .free = type_free, .repr = type_repr, .call = type_call,
    .getattr = type_getattr, .hash = type_hash, .binop = type_binop,
};

static bool isinstance1(Value x, TypeObj *t) {
    if (t->cls == &type_class && IS_CLASS(x)) return true; /* a user class is a type */
    if (t->cls == &exc_class) return exc_isinstance(x, t); /* the exception hierarchy */
    if (t->cls) return IS_OBJ(x) && AS_OBJ(x)->cls == t->cls;
    if (t->vkind == V_INT && x.kind == V_BOOL) return true;
    /* numpy.float64 derives from Python's float (float32, int64 and bool_ do not) */
    if (t->vkind == V_FLOAT && IS_TENSOR(x) && AS_TENSOR(x)->flavor == FLAVOR_NUMPY_SCALAR && AS_TENSOR(x)->dtype == DT_FLOAT64) return true;
    return t->vkind >= 0 && x.kind == t->vkind;
}

/* ---- lazy iterators: enumerate, zip, map, filter ----------------------------------------- */
enum { LZ_ENUMERATE, LZ_ZIP, LZ_MAP, LZ_FILTER };
typedef struct Lazy {
    Obj h;
    int kind, n, cap; /* n iterators made so far, of cap allocated (they differ after an error) */
    int64_t count;
    Value fn;
    Value its[];
} Lazy;
static const char *const lazy_names[] = {"enumerate", "zip", "map", "filter"};

static void lazy_free(Obj *o) {
    Lazy *z = (Lazy *)o;
    val_decref(z->fn);
    for (int i = 0; i < z->n; i++) val_decref(z->its[i]);
    obj_dealloc(o, sizeof(Lazy) + sizeof(Value) * (size_t)z->cap);
}
static bool lazy_repr(Interp *I, StrBuf *sb, Value self) {
    Lazy *z = (Lazy *)AS_OBJ(self);
    sb_printf(sb, "<%s object at %p>", lazy_names[z->kind], (void *)z);
    return true;
}
static Value lazy_iter(Interp *I, Value self) { return val_incref(self); }
static Value lazy_next(Interp *I, Value self) {
    Lazy *z = (Lazy *)AS_OBJ(self);
    switch (z->kind) {
    case LZ_ENUMERATE: {
        Value x = val_next(I, z->its[0]);
        if (IS_ERR(x) || IS_UNDEF(x)) return x;
        Value r = val_tuple2(I, val_int(z->count), x);
        z->count++;
        val_decref(x);
        return r;
    }
    case LZ_ZIP: case LZ_MAP: {
        if (z->n == 0) return VAL_UNDEF;
        Value small[8];
        Value *xs = z->n <= 8 ? small : mem_alloc(sizeof(Value) * (size_t)z->n);
        if (!xs) return err_nomem(I);
        int got = 0;
        Value r = VAL_UNDEF;
        for (; got < z->n; got++) {
            Value x = val_next(I, z->its[got]);
            if (IS_ERR(x) || IS_UNDEF(x)) { r = x; break; }
            xs[got] = x;
        }
        if (got < z->n && IS_UNDEF(r) && z->kind == LZ_ZIP && z->count) { /* zip(strict=True) */
            int bad = got > 0 ? got : -1;
            const char *how = "shorter";
            for (int i = 1; bad < 0 && i < z->n; i++) {
                Value x = val_next(I, z->its[i]);
                if (IS_ERR(x)) { r = x; break; }
                if (!IS_UNDEF(x)) { val_decref(x); bad = i; how = "longer"; }
            }
            if (bad > 0) {
                if (bad == 1) err_raise(I, EXC_ValueError, "zip() argument 2 is %s than argument 1", how);
                else err_raise(I, EXC_ValueError, "zip() argument %d is %s than arguments 1-%d", bad + 1, how, bad);
                r = VAL_ERR;
            }
        }
        if (got == z->n) {
            if (z->kind == LZ_MAP) {
                r = val_call(I, z->fn, z->n, xs, NULL);
            } else {
                Tuple *t = tuple_new(I, z->n);
                if (!t) r = VAL_ERR;
                else {
                    for (int i = 0; i < z->n; i++) { t->items[i] = xs[i]; xs[i] = VAL_NONE; }
                    r = val_obj(t);
                }
            }
        }
        for (int i = 0; i < got; i++) val_decref(xs[i]);
        if (xs != small) mem_free(xs, sizeof(Value) * (size_t)z->n);
        return r;
    }
    default:
        for (;;) {
            Value x = val_next(I, z->its[0]);
            if (IS_ERR(x) || IS_UNDEF(x)) return x;
            int t;
            if (IS_NONE(z->fn)) t = val_truth(I, x);
            else {
                Value c = val_call(I, z->fn, 1, &x, NULL);
                if (IS_ERR(c)) { val_decref(x); return c; }
                t = val_truth(I, c);
                val_decref(c);
            }
            if (t < 0) { val_decref(x); return VAL_ERR; }
            if (t) return x;
            val_decref(x);
        }
    }
}
#define LAZY_CLASS(nm) {.name = nm, .free = lazy_free, .repr = lazy_repr, .iter = lazy_iter, .next = lazy_next}
static const ObjClass lazy_classes[] = { /* indexed by LZ_*: type(zip(...)).__name__ == 'zip' */
    LAZY_CLASS("enumerate"), LAZY_CLASS("zip"), LAZY_CLASS("map"), LAZY_CLASS("filter"),
};

static Value lazy_new(Interp *I, int kind, Value fn, int n, const Value *iterables) {
    Lazy *z = obj_new(I, &lazy_classes[kind], sizeof(Lazy) + sizeof(Value) * (size_t)n);
    if (!z) return VAL_ERR;
    z->kind = kind;
    z->n = 0;
    z->cap = n;
    z->count = 0;
    z->fn = val_incref(fn);
    for (int i = 0; i < n; i++) {
        Value it = val_iter(I, iterables[i]);
        if (IS_ERR(it)) { obj_decref((Obj *)z); return it; }
        z->its[z->n++] = it;
    }
    return val_obj(z);
}

/* ---- the builtins ------------------------------------------------------------------------ */
static void write_out(const char *s, size_t n) { fwrite(s, 1, n, stdout); }

/* sys.stdout and sys.stderr: text streams with write() and flush(), what print(file=) takes. */
typedef struct Stream { Obj h; bool err; } Stream;
static void stream_write(bool err, const char *s, size_t n) {
    if (err) { fflush(stdout); fwrite(s, 1, n, stderr); }
    else write_out(s, n);
}
static void stream_free(Obj *o) { obj_dealloc(o, sizeof(Stream)); }
static bool stream_repr(Interp *I, StrBuf *sb, Value self) {
    sb_printf(sb, "<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>", ((Stream *)AS_OBJ(self))->err ? "stderr" : "stdout");
    return true;
}
static Value stream_m_write(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "write", argc - 1, kw, 1, 1)) return VAL_ERR;
    if (!is_str(argv[1])) return err_raise(I, EXC_TypeError, "write() argument must be str, not %s", val_type_name(argv[1]));
    Str *t = as_str(argv[1]);
    stream_write(((Stream *)AS_OBJ(argv[0]))->err, t->data, (size_t)t->len);
    return val_int(t->ncp);
}
static Value stream_m_flush(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "flush", argc - 1, argv + 1, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    fflush(((Stream *)AS_OBJ(argv[0]))->err ? stderr : stdout);
    return VAL_NONE;
}
static const MethodDef stream_methods[] = {
    {"write", stream_m_write, "write(s)", "Write the string s; return the number of characters written."},
    {"flush", stream_m_flush, "flush()", "Flush the stream's buffer."},
    {NULL, NULL, NULL, NULL},
};
static const char *stream_type_name(Value self) { (void)self; return "_io.TextIOWrapper"; }
static const ObjClass stream_class = {
    .name = "TextIOWrapper", .free = stream_free, .repr = stream_repr, .methods = stream_methods,
    .type_name = stream_type_name,
};
static Value stream_new(Interp *I, bool err) {
    Stream *st = obj_new(I, &stream_class, sizeof(Stream));
    if (!st) return VAL_ERR;
    st->err = err;
    return val_obj(st);
}

static Value bi_print(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const allowed[] = {"sep", "end", "flush", "file"};
    Value k[4];
    if (!kw_take(I, "print", kw, allowed, 4, k)) return VAL_ERR;
    const char *sep = " ", *end = "\n";
    size_t seplen = 1, endlen = 1;
    if (!IS_UNDEF(k[0]) && !IS_NONE(k[0])) {
        if (!is_str(k[0])) return err_raise(I, EXC_TypeError, "sep must be None or a string, not %s", val_type_name(k[0]));
        sep = as_str(k[0])->data; seplen = (size_t)as_str(k[0])->len;
    }
    if (!IS_UNDEF(k[1]) && !IS_NONE(k[1])) {
        if (!is_str(k[1])) return err_raise(I, EXC_TypeError, "end must be None or a string, not %s", val_type_name(k[1]));
        end = as_str(k[1])->data; endlen = (size_t)as_str(k[1])->len;
    }
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < argc; i++) {
        if (i) sb_putn(&sb, sep, seplen);
        if (is_str(argv[i])) sb_putn(&sb, as_str(argv[i])->data, (size_t)as_str(argv[i])->len);
        else if (!val_str_into(I, &sb, argv[i])) { sb_free(&sb); return VAL_ERR; }
    }
    sb_putn(&sb, end, endlen);
    if (sb.oom) { sb_free(&sb); return err_nomem(I); }
    Value file = k[3];
    if (!IS_UNDEF(file) && !IS_NONE(file) && !IS_A(file, stream_class)) {
        /* any object with a write() method, as Python's print */
        Value text = sb_to_str(I, &sb);
        if (IS_ERR(text)) return text;
        Value r = eval_call_method(I, file, "write", 1, &text, NULL);
        val_decref(text);
        if (IS_ERR(r)) return r;
        val_decref(r);
        return VAL_NONE;
    }
    stream_write(IS_A(file, stream_class) && ((Stream *)AS_OBJ(file))->err, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    if (!IS_UNDEF(k[2]) && val_truth(I, k[2]) > 0) fflush(stdout);
    return VAL_NONE;
}

static Value bi_len(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("len", 1, 1, "obj");
    int64_t n = val_len(I, a[0]);
    return n < 0 ? VAL_ERR : val_int(n);
}

/* slice(stop) / slice(start, stop[, step]): what obj[a:b:c] passes to __getitem__ */
static Value bi_slice(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "slice", argc, kw, 1, 3)) return VAL_ERR;
    Value start = argc >= 2 ? argv[0] : VAL_NONE, stop = argc >= 2 ? argv[1] : argv[0], step = argc == 3 ? argv[2] : VAL_NONE;
    Slice *s = slice_new(I, start, stop, step);
    return s ? val_obj(s) : VAL_ERR;
}

static Value bi_range(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "range() takes no keyword arguments");
    if (argc < 1 || argc > 3) {
        if (argc == 0) return err_raise(I, EXC_TypeError, "range expected at least 1 argument, got 0");
        return err_raise(I, EXC_TypeError, "range expected at most 3 arguments, got %d", argc);
    }
    int64_t v[3] = {0, 0, 1};
    for (int i = 0; i < argc; i++)
        if (!val_as_index(I, argv[i], &v[i])) return VAL_ERR;
    int64_t start = 0, stop, step = 1;
    if (argc == 1) stop = v[0];
    else { start = v[0]; stop = v[1]; if (argc == 3) step = v[2]; }
    if (step == 0) return err_raise(I, EXC_ValueError, "range() arg 3 must not be zero");
    Range *r = range_new(I, start, stop, step);
    return r ? val_obj(r) : VAL_ERR;
}

static Value parse_int_str(Interp *I, Str *s, int base) {
    const char *p = s->data, *e = s->data + s->len;
    while (p < e && isspace((unsigned char)*p)) p++;
    while (e > p && isspace((unsigned char)e[-1])) e--;
    bool neg = false;
    if (p < e && (*p == '+' || *p == '-')) { neg = *p == '-'; p++; }
    int b = base;
    if (p + 1 < e && p[0] == '0') {
        char c = (char)tolower((unsigned char)p[1]);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (b == 0 || b == pb)) { b = pb; p += 2; if (p < e && *p == '_') p++; }
    }
    if (b == 0) {
        b = 10;
        /* base 0: a decimal literal may not have leading zeros */
        if (p < e && *p == '0') {
            const char *q = p;
            while (q < e && (*q == '0' || *q == '_')) q++;
            if (q != e) goto bad;
        }
    }
    if (p >= e) goto bad;
    uint64_t acc = 0;
    bool prev_us = true;
    const uint64_t lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; p < e; p++) {
        if (*p == '_') { if (prev_us) goto bad; prev_us = true; continue; }
        int d;
        char c = *p;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        else goto bad;
        if (d >= b) goto bad;
        prev_us = false;
        if (acc > (lim - (uint64_t)d) / (uint64_t)b) return err_raise(I, EXC_OverflowError, "int too large to convert to 64-bit integer");
        acc = acc * (uint64_t)b + (uint64_t)d;
    }
    if (prev_us) goto bad;
    return val_int(neg ? (int64_t)(0 - acc) : (int64_t)acc);
bad: {
        StrBuf sb;
        sb_init(&sb);
        val_repr(I, &sb, val_obj(s));
        err_raise(I, EXC_ValueError, "invalid literal for int() with base %d: %s", base, sb.data ? sb.data : "''");
        sb_free(&sb);
        return VAL_ERR;
    }
}

static Value bi_int(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("int", 2, 0, "x", "base");
    if (IS_UNDEF(a[0])) {
        if (!IS_UNDEF(a[1])) return err_raise(I, EXC_TypeError, "int() missing string argument");
        return val_int(0);
    }
    Value x = a[0];
    if (!IS_UNDEF(a[1])) {
        int64_t base;
        if (!val_as_index(I, a[1], &base)) return VAL_ERR;
        if (!is_str(x)) return err_raise(I, EXC_TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36)) return err_raise(I, EXC_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return parse_int_str(I, as_str(x), (int)base);
    }
    switch (x.kind) {
    case V_INT: return x;
    case V_BOOL: return val_int(x.as.b);
    case V_FLOAT: return float_to_int(I, x.as.f);
    default: break;
    }
    if (is_str(x)) return parse_int_str(I, as_str(x), 10);
    if (IS_OBJ(x) && AS_OBJ(x)->cls->to_int) return AS_OBJ(x)->cls->to_int(I, x);
    return err_raise(I, EXC_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                     val_type_name(x));
}

static Value bi_float(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "float", argc, kw, 0, 1)) return VAL_ERR;
    ARGS("float", 1, 0, "x");
    Value x = a[0];
    if (IS_UNDEF(x)) return val_float(0.0);
    switch (x.kind) {
    case V_INT: return val_float((double)x.as.i);
    case V_BOOL: return val_float(x.as.b);
    case V_FLOAT: return x;
    default: break;
    }
    if (is_str(x)) {
        Str *s = as_str(x);
        const char *p = s->data, *e = s->data + s->len;
        while (p < e && isspace((unsigned char)*p)) p++;
        while (e > p && isspace((unsigned char)e[-1])) e--;
        char buf[128];
        size_t n = 0;
        bool ok = e > p && (size_t)(e - p) < sizeof buf;
        /* underscores are allowed between digits */
        for (const char *q = p; ok && q < e; q++) {
            if (*q == '_') {
                if (q == p || q + 1 >= e || !isdigit((unsigned char)q[-1]) || !isdigit((unsigned char)q[1])) ok = false;
                continue;
            }
            buf[n++] = *q;
        }
        buf[n] = 0;
        if (ok) {
            const char *t = buf;
            bool neg = false;
            if (*t == '+' || *t == '-') { neg = *t == '-'; t++; }
            if (strcasecmp(t, "inf") == 0 || strcasecmp(t, "infinity") == 0) return val_float(neg ? -INFINITY : INFINITY);
            if (strcasecmp(t, "nan") == 0) return val_float(neg ? -NAN : NAN);
            /* strtod accepts hex floats and "infin"; Python does not */
            bool plain = true;
            for (const char *q = t; *q; q++)
                if (!(isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-')) plain = false;
            if (plain && *t) {
                char *end;
                errno = 0;
                double d = strtod(buf, &end);
                if (*end == 0 && end != buf) return val_float(d);
            }
        }
        StrBuf sb;
        sb_init(&sb);
        val_repr(I, &sb, x);
        err_raise(I, EXC_ValueError, "could not convert string to float: %s", sb.data ? sb.data : "''");
        sb_free(&sb);
        return VAL_ERR;
    }
    if (IS_OBJ(x) && AS_OBJ(x)->cls->to_float) return AS_OBJ(x)->cls->to_float(I, x);
    return err_raise(I, EXC_TypeError, "float() argument must be a string or a real number, not '%s'", val_type_name(x));
}

static Value bi_str(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("str", 1, 0, "object");
    if (IS_UNDEF(a[0])) return val_str(I, "", 0);
    return val_to_str(I, a[0]);
}

static Value bi_bool(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "bool", argc, kw, 0, 1)) return VAL_ERR;
    ARGS("bool", 1, 0, "x");
    if (IS_UNDEF(a[0])) return val_bool(false);
    int t = val_truth(I, a[0]);
    return t < 0 ? VAL_ERR : val_bool(t);
}

static Value bi_repr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("repr", 1, 1, "obj");
    return val_to_repr(I, a[0]);
}

static Value bi_ascii(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("ascii", 1, 1, "obj");
    StrBuf sb;
    sb_init(&sb);
    if (!val_ascii(I, &sb, a[0])) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}

static Value bi_format(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("format", 2, 1, "value", "format_spec");
    const char *spec = "";
    size_t n = 0;
    if (!IS_UNDEF(a[1])) {
        if (!is_str(a[1])) return err_raise(I, EXC_TypeError, "format() argument 2 must be str, not %s", val_type_name(a[1]));
        spec = as_str(a[1])->data;
        n = (size_t)as_str(a[1])->len;
    }
    StrBuf sb;
    sb_init(&sb);
    if (!val_format(I, &sb, a[0], spec, n)) { sb_free(&sb); return VAL_ERR; }
    if (!sb.data) return val_str(I, "", 0);
    return sb_to_str(I, &sb);
}

static Value bi_abs(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("abs", 1, 1, "x");
    Value x = a[0];
    switch (x.kind) {
    case V_INT:
        if (x.as.i == INT64_MIN) return err_raise(I, EXC_OverflowError, "integer overflow in abs()");
        return val_int(x.as.i < 0 ? -x.as.i : x.as.i);
    case V_BOOL: return val_int(x.as.b);
    case V_FLOAT: return val_float(fabs(x.as.f));
    default: break;
    }
    if (IS_OBJ(x) && AS_OBJ(x)->cls->methods)
        for (const MethodDef *d = AS_OBJ(x)->cls->methods; d->name; d++)
            if (strcmp(d->name, "abs") == 0) return d->fn(I, 1, &x, NULL);
    return err_raise(I, EXC_TypeError, "bad operand type for abs(): '%s'", val_type_name(x));
}

/* v1 `op` v2 as a truth value; -1 error. */
static int cmp_truth(Interp *I, BinOp op, Value x, Value y) {
    if (x.kind == V_INT && y.kind == V_INT) return op == BIN_GT ? x.as.i > y.as.i : x.as.i < y.as.i;
    if (x.kind == V_FLOAT && y.kind == V_FLOAT) return op == BIN_GT ? x.as.f > y.as.f : x.as.f < y.as.f;
    Value r = val_binop(I, op, x, y);
    if (IS_ERR(r)) return -1;
    int t = val_truth(I, r);
    val_decref(r);
    return t;
}

static Value minmax(Interp *I, const char *fname, BinOp op, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const allowed[] = {"key", "default"};
    Value k[2];
    if (!kw_take(I, fname, kw, allowed, 2, k)) return VAL_ERR;
    if (argc == 0) return err_raise(I, EXC_TypeError, "%s expected at least 1 argument, got 0", fname);
    Value key = IS_UNDEF(k[0]) ? VAL_NONE : k[0];
    Value seq;
    if (argc == 1) seq = val_incref(argv[0]);
    else {
        if (!IS_UNDEF(k[1]))
            return err_raise(I, EXC_TypeError, "Cannot specify a default for %s() with multiple positional arguments", fname);
        Tuple *t = tuple_new(I, argc);
        if (!t) return VAL_ERR;
        for (int i = 0; i < argc; i++) { t->items[i] = val_incref(argv[i]); }
        seq = val_obj(t);
    }
    Value it = val_iter(I, seq);
    val_decref(seq);
    if (IS_ERR(it)) return it;
    Value best = VAL_UNDEF, bestk = VAL_UNDEF;
    for (;;) {
        Value x = val_next(I, it);
        if (IS_ERR(x)) goto fail;
        if (IS_UNDEF(x)) break;
        Value xk = IS_NONE(key) ? val_incref(x) : val_call(I, key, 1, &x, NULL);
        if (IS_ERR(xk)) { val_decref(x); goto fail; }
        if (IS_UNDEF(best)) { best = x; bestk = xk; continue; }
        int t = cmp_truth(I, op, xk, bestk);
        if (t < 0) { val_decref(x); val_decref(xk); goto fail; }
        if (t) { val_decref(best); val_decref(bestk); best = x; bestk = xk; }
        else { val_decref(x); val_decref(xk); }
    }
    val_decref(it);
    val_decref(bestk);
    if (IS_UNDEF(best)) {
        if (!IS_UNDEF(k[1])) return val_incref(k[1]);
        return err_raise(I, EXC_ValueError, "%s() arg is an empty sequence", fname);
    }
    return best;
fail:
    val_decref(it);
    val_decref(best);
    val_decref(bestk);
    return VAL_ERR;
}
static Value bi_min(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return minmax(I, "min", BIN_LT, argc, argv, kw); }
static Value bi_max(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return minmax(I, "max", BIN_GT, argc, argv, kw); }

static Value bi_sum(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("sum", 2, 1, "iterable", "start");
    Value acc = IS_UNDEF(a[1]) ? val_int(0) : val_incref(a[1]);
    if (is_str(acc)) { val_decref(acc); return err_raise(I, EXC_TypeError, "sum() can't sum strings [use ''.join(seq) instead]"); }
    Value it = val_iter(I, a[0]);
    if (IS_ERR(it)) { val_decref(acc); return it; }
    for (;;) {
        Value x = val_next(I, it);
        if (IS_ERR(x)) { val_decref(acc); val_decref(it); return x; }
        if (IS_UNDEF(x)) break;
        int64_t z;
        Value r;
        if (acc.kind == V_INT && x.kind == V_INT && !__builtin_add_overflow(acc.as.i, x.as.i, &z)) r = val_int(z);
        else if (acc.kind == V_FLOAT && x.kind == V_FLOAT) r = val_float(acc.as.f + x.as.f);
        else r = val_binop(I, BIN_ADD, acc, x);
        val_decref(x);
        val_decref(acc);
        if (IS_ERR(r)) { val_decref(it); return r; }
        acc = r;
    }
    val_decref(it);
    return acc;
}

static Value bi_round(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("round", 2, 1, "number", "ndigits");
    Value x = a[0];
    bool has_nd = !IS_UNDEF(a[1]) && !IS_NONE(a[1]);
    int64_t nd = 0;
    if (has_nd && !val_as_index(I, a[1], &nd)) return VAL_ERR;
    if (x.kind == V_INT || x.kind == V_BOOL) {
        int64_t v = x.kind == V_INT ? x.as.i : x.as.b;
        if (!has_nd || nd >= 0) return val_int(v);
        if (nd < -18) return val_int(0);
        int64_t p = 1;
        for (int64_t i = 0; i < -nd; i++) p *= 10;
        int64_t q = v / p, r = v % p;
        if (r < 0) { q--; r += p; }
        if (r * 2 > p || (r * 2 == p && (q & 1))) q++;
        int64_t out;
        if (__builtin_mul_overflow(q, p, &out)) return err_raise(I, EXC_OverflowError, "integer overflow in round()");
        return val_int(out);
    }
    double d;
    if (x.kind == V_FLOAT) d = x.as.f;
    else if (IS_OBJ(x) && AS_OBJ(x)->cls->to_float && !has_nd) {
        if (!to_double(I, x, &d, "")) return VAL_ERR;
    } else {
        if (IS_OBJ(x) && AS_OBJ(x)->cls->methods)
            for (const MethodDef *m = AS_OBJ(x)->cls->methods; m->name; m++)
                if (strcmp(m->name, "round") == 0) return m->fn(I, argc, argv, kw);
        return err_raise(I, EXC_TypeError, "type %s doesn't define __round__ method", val_type_name(x));
    }
    if (!has_nd) {
        if (isnan(d)) return err_raise(I, EXC_ValueError, "cannot convert float NaN to integer");
        if (isinf(d)) return err_raise(I, EXC_OverflowError, "cannot convert float infinity to integer");
        double r = nearbyint(d);
        return float_to_int(I, r);
    }
    if (!isfinite(d)) return val_float(d);
    if (nd > 400) return val_float(d);
    if (nd < -400) return val_float(0.0 * d);
    double r = fmt_round_half_even(d, (int)nd);
    if (isinf(r)) return err_raise(I, EXC_OverflowError, "rounded value too large to represent");
    return val_float(r);
}

static Value bi_pow(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("pow", 3, 2, "base", "exp", "mod");
    if (IS_UNDEF(a[2]) || IS_NONE(a[2])) return val_binop(I, BIN_POW, a[0], a[1]);
    int64_t b, e, m;
    if (!(IS_INT(a[0]) || IS_BOOL(a[0])) || !(IS_INT(a[1]) || IS_BOOL(a[1])) || !(IS_INT(a[2]) || IS_BOOL(a[2])))
        return err_raise(I, EXC_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    val_as_index(I, a[0], &b); val_as_index(I, a[1], &e); val_as_index(I, a[2], &m);
    if (m == 0) return err_raise(I, EXC_ValueError, "pow() 3rd argument cannot be 0");
    if (e < 0) return err_raise(I, EXC_ValueError, "base is not invertible for the given modulus");
    __int128 r = 1, base = ((b % m) + m) % m, mm = m < 0 ? -(__int128)m : m;
    base = ((__int128)b % mm + mm) % mm;
    while (e > 0) {
        if (e & 1) r = r * base % mm;
        base = base * base % mm;
        e >>= 1;
    }
    int64_t out = (int64_t)r;
    if (m < 0 && out != 0) out += m;
    return val_int(out);
}

static Value bi_divmod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "divmod", argc, kw, 2, 2)) return VAL_ERR;
    ARGS("divmod", 2, 2, "a", "b");
    Value q = val_binop(I, BIN_FLOORDIV, a[0], a[1]);
    if (IS_ERR(q)) return q;
    Value r = val_binop(I, BIN_MOD, a[0], a[1]);
    if (IS_ERR(r)) { val_decref(q); return r; }
    Value t = val_tuple2(I, q, r);
    val_decref(q);
    val_decref(r);
    return t;
}

static Value bi_list(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "list", argc, kw, 0, 1)) return VAL_ERR;
    ARGS("list", 1, 0, "iterable");
    if (IS_UNDEF(a[0])) { List *l = list_new(I, 0); return l ? val_obj(l) : VAL_ERR; }
    List *l = list_from_iter(I, a[0]);
    return l ? val_obj(l) : VAL_ERR;
}

static Value bi_tuple(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "tuple", argc, kw, 0, 1)) return VAL_ERR;
    ARGS("tuple", 1, 0, "iterable");
    if (IS_UNDEF(a[0])) { Tuple *t = tuple_new(I, 0); return t ? val_obj(t) : VAL_ERR; }
    if (IS_A(a[0], tuple_class)) return val_incref(a[0]);
    Tuple *t = tuple_from_iter(I, a[0]);
    return t ? val_obj(t) : VAL_ERR;
}

static Value bi_dict(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc > 1) return err_raise(I, EXC_TypeError, "dict expected at most 1 argument, got %d", argc);
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    if (argc == 1) {
        Value src = argv[0];
        if (IS_A(src, dict_class)) {
            Dict *s = (Dict *)AS_OBJ(src);
            for (int64_t i = 0; i < s->nentries; i++) {
                if (IS_UNDEF(s->entries[i].key)) continue;
                if (!dict_set(I, d, s->entries[i].key, s->entries[i].val)) goto fail;
            }
        } else {
            Value it = val_iter(I, src);
            if (IS_ERR(it)) goto fail;
            for (int64_t idx = 0;; idx++) {
                Value x = val_next(I, it);
                if (IS_ERR(x)) { val_decref(it); goto fail; }
                if (IS_UNDEF(x)) break;
                List *pair = list_from_iter(I, x);
                if (!pair) {
                    if (err_is(I, EXC_TypeError))
                        err_raise(I, EXC_TypeError, "cannot convert dictionary update sequence element #%lld to a sequence", (long long)idx);
                    val_decref(x); val_decref(it); goto fail;
                }
                val_decref(x);
                if (pair->len != 2) {
                    err_raise(I, EXC_ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
                              (long long)idx, (long long)pair->len);
                    obj_decref((Obj *)pair); val_decref(it); goto fail;
                }
                bool ok = dict_set(I, d, pair->items[0], pair->items[1]);
                obj_decref((Obj *)pair);
                if (!ok) { val_decref(it); goto fail; }
            }
            val_decref(it);
        }
    }
    if (kw)
        for (int k = 0; k < kw->n; k++)
            if (!dict_set(I, d, val_obj(kw->names[k]), kw->vals[k])) goto fail;
    return val_obj(d);
fail:
    obj_decref((Obj *)d);
    return VAL_ERR;
}

static Value bi_enumerate(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("enumerate", 2, 1, "iterable", "start");
    int64_t start = 0;
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &start)) return VAL_ERR;
    Value z = lazy_new(I, LZ_ENUMERATE, VAL_NONE, 1, a);
    if (!IS_ERR(z)) ((Lazy *)AS_OBJ(z))->count = start;
    return z;
}

static Value bi_zip(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    static const char *const allowed[] = {"strict"};
    Value k[1];
    if (!kw_take(I, "zip", kw, allowed, 1, k)) return VAL_ERR;
    int strict = IS_UNDEF(k[0]) ? 0 : val_truth(I, k[0]);
    if (strict < 0) return VAL_ERR;
    Value z = lazy_new(I, LZ_ZIP, VAL_NONE, argc, argv);
    if (!IS_ERR(z)) ((Lazy *)AS_OBJ(z))->count = strict; /* zip has no counter: the strict flag */
    return z;
}

static Value bi_map(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "map() takes no keyword arguments");
    if (argc < 2) return err_raise(I, EXC_TypeError, "map() must have at least two arguments.");
    return lazy_new(I, LZ_MAP, argv[0], argc - 1, argv + 1);
}

static Value bi_filter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "filter", argc, kw, 2, 2)) return VAL_ERR;
    ARGS("filter", 2, 2, "function", "iterable");
    return lazy_new(I, LZ_FILTER, a[0], 1, a + 1);
}

static Value bi_sorted(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc != 1) return err_raise(I, EXC_TypeError, "sorted expected 1 argument, got %d", argc);
    static const char *const allowed[] = {"key", "reverse"};
    Value k[2];
    if (!kw_take(I, "sorted", kw, allowed, 2, k)) return VAL_ERR;
    int64_t rev = 0;
    if (!IS_UNDEF(k[1]) && !val_as_index(I, k[1], &rev)) return VAL_ERR; /* CPython: an int, not any truthy */
    List *l = list_from_iter(I, argv[0]);
    if (!l) return VAL_ERR;
    if (!list_sort(I, l, none_or(k[0]), rev != 0)) { obj_decref((Obj *)l); return VAL_ERR; }
    return val_obj(l);
}

static Value bi_reversed(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("reversed", 1, 1, "sequence");
    /* dicts and their views are reversible (Python 3.8+); other iterators are not */
    const char *tn = val_type_name(a[0]);
    bool dictlike = IS_A(a[0], dict_class) || !strcmp(tn, "dict_keys") || !strcmp(tn, "dict_values") || !strcmp(tn, "dict_items");
    if (!dictlike && IS_OBJ(a[0]) && !AS_OBJ(a[0])->cls->getitem && AS_OBJ(a[0])->cls->iter &&
        AS_OBJ(a[0])->cls != &list_class && AS_OBJ(a[0])->cls != &str_class &&
        AS_OBJ(a[0])->cls != &tuple_class && AS_OBJ(a[0])->cls != &range_class)
        return err_raise(I, EXC_TypeError, "'%s' object is not reversible", val_type_name(a[0]));
    List *l = list_from_iter(I, a[0]);
    if (!l) return VAL_ERR;
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i]; l->items[i] = l->items[j]; l->items[j] = t;
    }
    Value it = dictlike || IS_A(a[0], range_class) ? val_iter(I, val_obj(l))
                                                   : list_reversed_iter(I, l, IS_A(a[0], list_class));
    obj_decref((Obj *)l);
    return it;
}

static Value anyall(Interp *I, Value x, bool want) {
    Value it = val_iter(I, x);
    if (IS_ERR(it)) return it;
    for (;;) {
        Value v = val_next(I, it);
        if (IS_ERR(v)) { val_decref(it); return v; }
        if (IS_UNDEF(v)) break;
        int t = val_truth(I, v);
        val_decref(v);
        if (t < 0) { val_decref(it); return VAL_ERR; }
        if (t == want) { val_decref(it); return val_bool(want); }
    }
    val_decref(it);
    return val_bool(!want);
}
static Value bi_any(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("any", 1, 1, "iterable"); return anyall(I, a[0], true); }
static Value bi_all(Interp *I, int argc, const Value *argv, const KwArgs *kw) { ARGS("all", 1, 1, "iterable"); return anyall(I, a[0], false); }

static Value bi_isinstance(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "isinstance", argc, kw, 2, 2)) return VAL_ERR;
    ARGS("isinstance", 2, 2, "obj", "class_or_tuple");
    Value t = a[1];
    if (IS_A(t, type_class)) return val_bool(isinstance1(a[0], (TypeObj *)AS_OBJ(t)));
    if (IS_CLASS(t)) return val_bool(cls_isinstance(a[0], t));
    int nk = nn_isinstance(a[0], t); /* isinstance(m, nn.Linear): the layers are natives, not types */
    if (nk >= 0) return val_bool(nk);
    if (IS_A(t, tuple_class)) {
        Tuple *tt = (Tuple *)AS_OBJ(t);
        for (int64_t i = 0; i < tt->len; i++) {
            if (IS_CLASS(tt->items[i])) {
                if (cls_isinstance(a[0], tt->items[i])) return val_bool(true);
                continue;
            }
            if ((nk = nn_isinstance(a[0], tt->items[i])) >= 0) {
                if (nk) return val_bool(true);
                continue;
            }
            if (!IS_A(tt->items[i], type_class))
                return err_raise(I, EXC_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
            if (isinstance1(a[0], (TypeObj *)AS_OBJ(tt->items[i]))) return val_bool(true);
        }
        return val_bool(false);
    }
    return err_raise(I, EXC_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
}

static Value bi_type(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc != 1 || (kw && kw->n)) return err_raise(I, EXC_TypeError, "type() takes 1 argument");
    return eval_type_of(I, argv[0]);
}

static Value bi_input(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("input", 1, 0, "prompt");
    if (!IS_UNDEF(a[0])) {
        StrBuf sb;
        sb_init(&sb);
        if (!val_str_into(I, &sb, a[0])) { sb_free(&sb); return VAL_ERR; }
        write_out(sb.data ? sb.data : "", sb.len);
        sb_free(&sb);
    }
    fflush(stdout);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        clearerr(stdin);
        if (ag_interrupted) { ag_interrupted = 0; return err_raise(I, EXC_KeyboardInterrupt, "%s", ""); }
        return err_raise(I, EXC_EOFError, "EOF when reading a line");
    }
    if (n > 0 && line[n - 1] == '\n') n--;
    Value s = val_str(I, line, (size_t)n);
    free(line);
    return s;
}

static void help_row(StrBuf *sb, const MethodDef *d) {
    sb_printf(sb, "%s\n    %s\n", d->sig, d->doc);
}

static Value bi_help(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("help", 1, 0, "obj");
    StrBuf sb;
    sb_init(&sb);
    Value x = a[0];
    if (IS_UNDEF(x)) {
        sb_puts(&sb, "Builtins:\n");
        for (const MethodDef *d = bi_table; d->name; d++) sb_printf(&sb, "  %-34s %s\n", d->sig, d->doc);
    } else if (IS_A(x, native_class)) {
        help_row(&sb, ((Native *)AS_OBJ(x))->def);
    } else if (IS_A(x, type_class)) {
        TypeObj *t = (TypeObj *)AS_OBJ(x);
        if (t->def) help_row(&sb, t->def);
        else sb_printf(&sb, "class %s\n", t->name);
        if (t->cls && t->cls->methods) {
            sb_puts(&sb, "Methods:\n");
            for (const MethodDef *d = t->cls->methods; d->name; d++) sb_printf(&sb, "  %-34s %s\n", d->sig, d->doc);
        }
    } else if (IS_A(x, func_class)) {
        Func *f = (Func *)AS_OBJ(x);
        sb_printf(&sb, "%s(", f->name->data);
        int npos = f->nparams - f->nkwonly;
        const char *star = f->info->vararg_slot >= 0 ? f->info->local_names[f->info->vararg_slot]->data : NULL;
        for (int i = 0; i <= f->nparams; i++) {
            if (i == npos && (star || f->nkwonly)) sb_printf(&sb, "%s*%s", i ? ", " : "", star ? star : "");
            if (i == f->nparams) break;
            sb_printf(&sb, "%s%s%s", i || (i == npos && (star || f->nkwonly)) ? ", " : "", f->params[i].name->data,
                      IS_UNDEF(f->defaults[i]) ? "" : "=...");
        }
        if (f->info->kwarg_slot >= 0)
            sb_printf(&sb, "%s**%s", f->nparams || star ? ", " : "", f->info->local_names[f->info->kwarg_slot]->data);
        sb_puts(&sb, ")\n");
        if (f->doc) sb_printf(&sb, "    %s\n", f->doc->data);
    } else if (IS_A(x, module_class)) {
        Module *m = (Module *)AS_OBJ(x);
        sb_printf(&sb, "module %s:\n", m->name->data);
        for (int i = 0; i < m->nslots; i++) {
            if (IS_UNDEF(m->slots[i]) || m->slot_names[i]->data[0] == '_') continue;
            Value v = m->slots[i];
            if (IS_A(v, native_class)) sb_printf(&sb, "  %-34s %s\n", ((Native *)AS_OBJ(v))->def->sig, ((Native *)AS_OBJ(v))->def->doc);
            else sb_printf(&sb, "  %s\n", m->slot_names[i]->data);
        }
    } else if (IS_OBJ(x) && AS_OBJ(x)->cls->methods) {
        sb_printf(&sb, "%s methods:\n", AS_OBJ(x)->cls->name);
        for (const MethodDef *d = AS_OBJ(x)->cls->methods; d->name; d++) sb_printf(&sb, "  %-34s %s\n", d->sig, d->doc);
    } else {
        sb_printf(&sb, "%s object\n", val_type_name(x));
    }
    write_out(sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return VAL_NONE;
}

static Value bi_id(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("id", 1, 1, "obj");
    if (IS_OBJ(a[0])) return val_int((int64_t)(uintptr_t)AS_OBJ(a[0]));
    uint64_t h = 0;
    if (!val_hash(I, a[0], &h)) return VAL_ERR;
    return val_int((int64_t)(h & 0x7fffffffffffULL) * 16 + a[0].kind);
}

/* globals(): a snapshot dict of the calling module's globals. The evaluator hands out this
 * builtin bound to the module whose code names it (eval.c slow_global: the name `globals` is
 * never taken from the builtins fast path), so argv[0] is that module. Assigning into the
 * snapshot does not create variables (CPython's dict is live; reading is what notebooks do). */
Value bi_globals(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc < 1 || !IS_A(argv[0], module_class))
        return err_raise(I, EXC_RuntimeError, "globals() is not available here");
    if (argc > 1 || (kw && kw->n)) return err_raise(I, EXC_TypeError, "globals() takes no arguments (%d given)", argc - 1 + (kw ? kw->n : 0));
    Module *m = (Module *)AS_OBJ(argv[0]);
    Dict *d = dict_new(I);
    if (!d) return VAL_ERR;
    for (int i = 0; i < m->nslots; i++) {
        if (IS_UNDEF(m->slots[i])) continue;
        if (!dict_set(I, d, val_obj(m->slot_names[i]), m->slots[i])) { obj_decref(&d->h); return VAL_ERR; }
    }
    return val_obj(d);
}

static Value bi_hash(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("hash", 1, 1, "obj");
    uint64_t h;
    if (!val_hash(I, a[0], &h)) return VAL_ERR;
    return val_int((int64_t)h);
}

static Value bi_chr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("chr", 1, 1, "i");
    int64_t c;
    if (!val_as_index(I, a[0], &c)) return VAL_ERR;
    if (c < 0 || c > 0x10ffff) return err_raise(I, EXC_ValueError, "chr() arg not in range(0x110000)");
    char b[4];
    size_t n;
    if (c < 0x80) { b[0] = (char)c; n = 1; }
    else if (c < 0x800) { b[0] = (char)(0xc0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
    else if (c < 0x10000) { b[0] = (char)(0xe0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3f)); b[2] = (char)(0x80 | (c & 0x3f)); n = 3; }
    else { b[0] = (char)(0xf0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3f)); b[2] = (char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (char)(0x80 | (c & 0x3f)); n = 4; }
    return val_str(I, b, n);
}

/* hex / oct / bin: format(x, '#x') etc.; the value must be an integer (int or bool) */
static Value int_radix(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, const char *spec) {
    ARGS(fname, 1, 1, "number");
    int64_t x;
    if (!val_as_index(I, a[0], &x)) return VAL_ERR;
    StrBuf sb;
    sb_init(&sb);
    if (!fmt_int_spec(I, &sb, x, spec, strlen(spec))) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}
static Value bi_hex(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return int_radix(I, argc, argv, kw, "hex", "#x"); }
static Value bi_oct(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return int_radix(I, argc, argv, kw, "oct", "#o"); }
static Value bi_bin(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return int_radix(I, argc, argv, kw, "bin", "#b"); }

static Value bi_ord(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("ord", 1, 1, "c");
    if (!is_str(a[0])) return err_raise(I, EXC_TypeError, "ord() expected string of length 1, but %s found", val_type_name(a[0]));
    Str *s = as_str(a[0]);
    if (s->ncp != 1) return err_raise(I, EXC_TypeError, "ord() expected a character, but string of length %lld found", (long long)s->ncp);
    const unsigned char *p = (const unsigned char *)s->data;
    int64_t c;
    if (p[0] < 0x80) c = p[0];
    else if (p[0] < 0xe0) c = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    else if (p[0] < 0xf0) c = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    else c = ((int64_t)(p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
    return val_int(c);
}

static Value bi_iter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "iter", argc, kw, 1, 2)) return VAL_ERR;
    ARGS("iter", 1, 1, "iterable");
    return val_iter(I, a[0]);
}

static Value bi_next(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "next", argc, kw, 1, 2)) return VAL_ERR;
    ARGS("next", 2, 1, "iterator", "default");
    if (!IS_OBJ(a[0]) || !AS_OBJ(a[0])->cls->next)
        return err_raise(I, EXC_TypeError, "'%s' object is not an iterator", val_type_name(a[0]));
    Value v = val_next(I, a[0]);
    if (IS_UNDEF(v)) {
        if (!IS_UNDEF(a[1])) return val_incref(a[1]);
        return err_raise(I, EXC_StopIteration, "%s", "");
    }
    return v;
}

static Value bi_callable(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("callable", 1, 1, "obj");
    return val_bool(cls_callable(a[0]));
}

/* getattr/hasattr/setattr: the name must be a str; interned so module/class lookups match */
static Str *attr_name(Interp *I, const char *fn, Value v) {
    (void)fn;
    if (!IS_A(v, str_class)) {
        err_raise(I, EXC_TypeError, "attribute name must be string, not '%s'", val_type_name(v));
        return NULL;
    }
    Str *s = (Str *)AS_OBJ(v);
    return str_intern(I, s->data, (size_t)s->len);
}

static Value bi_getattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "getattr() takes no keyword arguments");
    if (argc < 2) return err_raise(I, EXC_TypeError, "getattr expected at least 2 arguments, got %d", argc);
    if (argc > 3) return err_raise(I, EXC_TypeError, "getattr expected at most 3 arguments, got %d", argc);
    Str *name = attr_name(I, "getattr", argv[1]);
    if (!name) return VAL_ERR;
    Value r = eval_getattr(I, argv[0], name);
    obj_decref((Obj *)name);
    if (IS_ERR(r) && argc == 3 && err_is(I, EXC_AttributeError)) {
        err_clear(I);
        return val_incref(argv[2]);
    }
    return r;
}

static Value bi_hasattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "hasattr", argc, kw, 2, 2)) return VAL_ERR;
    ARGS("hasattr", 2, 2, "obj", "name");
    Str *name = attr_name(I, "hasattr", a[1]);
    if (!name) return VAL_ERR;
    Value r = eval_getattr(I, a[0], name);
    obj_decref((Obj *)name);
    if (IS_ERR(r)) {
        if (!err_is(I, EXC_AttributeError)) return r;
        err_clear(I);
        return val_bool(false);
    }
    val_decref(r);
    return val_bool(true);
}

static Value bi_setattr(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "setattr", argc, kw, 3, 3)) return VAL_ERR;
    ARGS("setattr", 3, 3, "obj", "name", "value");
    Str *name = attr_name(I, "setattr", a[1]);
    if (!name) return VAL_ERR;
    bool ok = eval_setattr(I, a[0], name, a[2]);
    obj_decref((Obj *)name);
    return ok ? VAL_NONE : VAL_ERR;
}

static Value bi_setrecursionlimit(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("setrecursionlimit", 1, 1, "limit");
    int64_t n;
    if (!val_as_index(I, a[0], &n)) return VAL_ERR;
    if (n < 1) return err_raise(I, EXC_ValueError, "recursion limit must be greater or equal than 1");
    if (n > 1000000000) n = 1000000000;
    I->recursion_limit = (int)n;
    return VAL_NONE;
}

static Value bi_getrecursionlimit(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "getrecursionlimit", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_int(I->recursion_limit);
}

/* ---- sys.exit / exit / quit: raise SystemExit, which ends the program without a traceback --- */
static Value bi_exit_common(Interp *I, const char *fname, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, fname, argc, kw, 0, 1)) return VAL_ERR;
    Value code = argc ? argv[0] : VAL_NONE;
    if (IS_NONE(code)) { I->exit_code = 0; return err_raise(I, EXC_SystemExit, "%s", ""); }
    if (IS_INT(code) || IS_BOOL(code)) {
        I->exit_code = (int)(IS_INT(code) ? code.as.i : code.as.b);
        return err_raise(I, EXC_SystemExit, "%s", "");
    }
    /* anything else is printed on stderr, and the status is 1 */
    StrBuf sb;
    sb_init(&sb);
    if (!val_str_into(I, &sb, code)) { sb_free(&sb); return VAL_ERR; }
    if (sb.oom) { sb_free(&sb); return err_nomem(I); }
    I->exit_code = 1;
    err_raise(I, EXC_SystemExit, "%s", sb.data ? sb.data : "");
    sb_free(&sb);
    return VAL_ERR;
}
static Value bi_sys_exit(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return bi_exit_common(I, "exit", argc, argv, kw); }
static Value bi_exit(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return bi_exit_common(I, "exit", argc, argv, kw); }

const MethodDef bi_table[] = {
    {"print", bi_print, "print(*values, sep=' ', end='\\n', file=None, flush=False)", "Print the values to stdout (or file, e.g. sys.stderr), separated by sep and followed by end."},
    {"len", bi_len, "len(obj)", "Return the number of items in a container."},
    {"range", bi_range, "range(stop) / range(start, stop[, step])", "The arithmetic sequence start, start+step, ... up to (not including) stop."},
    {"slice", bi_slice, "slice(stop) / slice(start, stop[, step])", "The slice object a[start:stop:step] passes to __getitem__."},
    {"int", bi_int, "int(x=0, base=10)", "Convert a number or string to an integer (truncating floats)."},
    {"float", bi_float, "float(x=0.0)", "Convert a number or string ('1.5', 'inf', 'nan') to a float."},
    {"str", bi_str, "str(object='')", "The string form of an object, as print shows it."},
    {"bool", bi_bool, "bool(x=False)", "True if x is truthy, else False."},
    {"list", bi_list, "list(iterable=())", "A new list of the iterable's items."},
    {"tuple", bi_tuple, "tuple(iterable=())", "A new tuple of the iterable's items."},
    {"set", set_construct, "set(iterable=())", "A new set of the iterable's distinct items."},
    {"dict", bi_dict, "dict(mapping_or_pairs=(), **kwargs)", "A new dictionary from a mapping, (key, value) pairs or keywords."},
    {"repr", bi_repr, "repr(obj)", "The printable representation of an object (what the REPL echoes)."},
    {"ascii", bi_ascii, "ascii(obj)", "Like repr(obj), with non-ASCII characters escaped."},
    {"format", bi_format, "format(value, format_spec='')", "Format a value with a format spec, as in f'{value:spec}'."},
    {"abs", bi_abs, "abs(x)", "The absolute value of a number."},
    {"min", bi_min, "min(iterable, *, key=None, default=...) / min(a, b, ...)", "The smallest item."},
    {"max", bi_max, "max(iterable, *, key=None, default=...) / max(a, b, ...)", "The largest item."},
    {"sum", bi_sum, "sum(iterable, start=0)", "The sum of start and the items of the iterable."},
    {"round", bi_round, "round(number, ndigits=None)", "Round half to even; an int without ndigits, else a float."},
    {"pow", bi_pow, "pow(base, exp, mod=None)", "base ** exp, or (base ** exp) % mod for integers."},
    {"divmod", bi_divmod, "divmod(a, b)", "The pair (a // b, a % b)."},
    {"enumerate", bi_enumerate, "enumerate(iterable, start=0)", "Pairs (index, item) counting from start."},
    {"zip", bi_zip, "zip(*iterables)", "Tuples of the i-th items of each iterable, up to the shortest."},
    {"map", bi_map, "map(function, *iterables)", "function applied to the items of the iterables."},
    {"filter", bi_filter, "filter(function, iterable)", "The items for which function(item) is true (None: truthy items)."},
    {"sorted", bi_sorted, "sorted(iterable, *, key=None, reverse=False)", "A new sorted list (stable)."},
    {"reversed", bi_reversed, "reversed(sequence)", "An iterator over the sequence from last to first."},
    {"any", bi_any, "any(iterable)", "True if any item is truthy."},
    {"all", bi_all, "all(iterable)", "True if every item is truthy (True when empty)."},
    {"isinstance", bi_isinstance, "isinstance(obj, class_or_tuple)", "Whether obj is an instance of the type (or one of the types)."},
    {"type", bi_type, "type(obj)", "The type of an object."},
    {"input", bi_input, "input(prompt='')", "Read a line from stdin, without its newline."},
    {"help", bi_help, "help(obj)", "Show the signature and documentation of a builtin, function or module."},
    {"id", bi_id, "id(obj)", "An integer identifying the object for its lifetime."},
    {"globals", bi_globals, "globals()", "A dict of the current module's global variables (a snapshot)."},
    {"hash", bi_hash, "hash(obj)", "The hash value of a hashable object."},
    {"chr", bi_chr, "chr(i)", "The one-character string with code point i."},
    {"hex", bi_hex, "hex(x)", "The hexadecimal string of an integer, '0x...'."},
    {"oct", bi_oct, "oct(x)", "The octal string of an integer, '0o...'."},
    {"bin", bi_bin, "bin(x)", "The binary string of an integer, '0b...'."},
    {"ord", bi_ord, "ord(c)", "The code point of a one-character string."},
    {"iter", bi_iter, "iter(iterable)", "An iterator over the iterable."},
    {"next", bi_next, "next(iterator, default=...)", "The iterator's next item (default, or StopIteration, when done)."},
    {"getattr", bi_getattr, "getattr(obj, name[, default])", "Get a named attribute of obj; default if it has none."},
    {"hasattr", bi_hasattr, "hasattr(obj, name)", "Whether obj has an attribute with the given name."},
    {"setattr", bi_setattr, "setattr(obj, name, value)", "Set a named attribute of obj."},
    {"callable", bi_callable, "callable(obj)", "Whether obj can be called."},
    {"setrecursionlimit", bi_setrecursionlimit, "setrecursionlimit(limit)", "Set the maximum depth of nested calls (default 1000)."},
    {"exit", bi_exit, "exit(code=None)", "End the program (or leave the REPL), as sys.exit(code)."},
    {"quit", bi_exit, "quit(code=None)", "Same as exit(code)."},
    {NULL, NULL, NULL, NULL},
};

/* Type objects of the core types, bound in builtins when they have a constructor row. */
static bool add_types(Interp *I, Module *b) {
    static const struct { const char *name; int vkind; int cls; } types[] = {
        {"int", V_INT, -1}, {"float", V_FLOAT, -1}, {"bool", V_BOOL, -1}, {"NoneType", V_NONE, -1},
        {"str", -1, 0}, {"list", -1, 1}, {"tuple", -1, 2}, {"dict", -1, 3}, {"range", -1, 4},
        {"function", -1, 5}, {"builtin_function_or_method", -1, 6}, {"module", -1, 7}, {"type", -1, 8},
        {"slice", -1, 9}, {"set", -1, 10},
    };
    const ObjClass *classes[] = {&str_class, &list_class, &tuple_class, &dict_class, &range_class,
                                 &func_class, &native_class, &module_class, &type_class, &slice_class, &set_class};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        TypeObj *t = obj_new(I, &type_class, sizeof(TypeObj));
        if (!t) return false;
        t->name = types[i].name;
        t->vkind = types[i].vkind;
        t->cls = types[i].cls >= 0 ? classes[types[i].cls] : NULL;
        t->def = NULL;
        for (const MethodDef *d = bi_table; d->name; d++)
            if (strcmp(d->name, t->name) == 0) t->def = d;
        if (t->def && !module_set(I, b, t->name, val_obj(t))) { obj_decref((Obj *)t); return false; }
        if (!eval_add_type(I, t)) return false;
    }
    return true;
}

Module *bi_create(Interp *I) {
    Module *b = module_new(I, "builtins");
    if (!b) return NULL;
    if (!module_add_natives(I, b, bi_table) || !add_types(I, b) || !exc_add_types(I, b) || !module_add_natives(I, b, plot_builtins) ||
        !module_add_natives(I, b, teach_builtins) || !cls_builtins_init(I, b)) {
        obj_decref((Obj *)b);
        return NULL;
    }
    /* `with nograd:` — the same object torch.no_grad() returns */
    Value ng = tape_nograd_new(I, false);
    bool ok = !IS_ERR(ng) && module_set(I, b, "nograd", ng);
    val_decref(ng);
    if (!ok) { obj_decref((Obj *)b); return NULL; }
    return b;
}

/* ---- sys ------------------------------------------------------------------------------------ */
static const MethodDef sys_table[] = {
    {"exit", bi_sys_exit, "sys.exit(status=None)", "End the program: status 0 for None, the int given, else print it and use 1."},
    {"setrecursionlimit", bi_setrecursionlimit, "sys.setrecursionlimit(limit)", "Set the maximum depth of nested calls (default 1000)."},
    {"getrecursionlimit", bi_getrecursionlimit, "sys.getrecursionlimit()", "The maximum depth of nested calls."},
    {"exc_info", exc_sys_exc_info, "sys.exc_info()", "(type, value, None) of the exception being handled, else (None, None, None)."},
    {NULL, NULL, NULL, NULL},
};

Module *bi_sys_init(Interp *I) {
    Module *m = module_new(I, "sys");
    if (!m) return NULL;
    if (!module_add_natives(I, m, sys_table)) goto fail;
    List *argv = list_new(I, I->argc);
    if (!argv) goto fail;
    for (int i = 0; i < I->argc; i++) {
        Value s = val_str(I, I->argv[i], strlen(I->argv[i]));
        if (IS_ERR(s) || !list_append(I, argv, s)) { val_decref(s); obj_decref((Obj *)argv); goto fail; }
        val_decref(s);
    }
    if (I->argc == 0) {
        Value s = val_str(I, "", 0);
        if (IS_ERR(s) || !list_append(I, argv, s)) { val_decref(s); obj_decref((Obj *)argv); goto fail; }
        val_decref(s);
    }
    bool ok = module_set(I, m, "argv", val_obj(argv));
    obj_decref((Obj *)argv);
    if (!ok) goto fail;
    Value ver = val_str(I, "3.11.0 (agrepl)", 15);
    if (IS_ERR(ver)) goto fail;
    ok = module_set(I, m, "version", ver);
    val_decref(ver);
    if (!ok || !module_set(I, m, "maxsize", val_int(INT64_MAX))) goto fail;
    for (int e = 0; e < 2; e++) {
        Value st = stream_new(I, e);
        if (IS_ERR(st)) goto fail;
        ok = module_set(I, m, e ? "stderr" : "stdout", st);
        val_decref(st);
        if (!ok) goto fail;
    }
    return m;
fail:
    obj_decref((Obj *)m);
    return NULL;
}

/* ---- math ----------------------------------------------------------------------------------- */
static bool arg_real(Interp *I, Value v, double *out) { return to_double(I, v, out, "must be real number"); }

static Value math_result(Interp *I, double x, double r, bool domain_check) {
    if (isnan(r) && !isnan(x)) return err_raise(I, EXC_ValueError, "math domain error");
    if (isinf(r) && isfinite(x)) return err_raise(I, domain_check ? EXC_ValueError : EXC_OverflowError,
                                                  domain_check ? "math domain error" : "math range error");
    return val_float(r);
}

#define MATH1(NAME, EXPR, DOMAIN, SIG, DOC)                                                 \
    static Value m_##NAME(Interp *I, int argc, const Value *argv, const KwArgs *kw) {       \
        ARGS(#NAME, 1, 1, "x");                                                              \
        double x;                                                                           \
        if (!arg_real(I, a[0], &x)) return VAL_ERR;                                         \
        return math_result(I, x, EXPR, DOMAIN);                                             \
    }
MATH1(sqrt, (x < 0 ? NAN : sqrt(x)), true, "", "")
MATH1(exp, exp(x), false, "", "")
MATH1(log2, (x <= 0 ? NAN : log2(x)), true, "", "")
MATH1(log10, (x <= 0 ? NAN : log10(x)), true, "", "")
MATH1(sin, (isinf(x) ? NAN : sin(x)), true, "", "")
MATH1(cos, (isinf(x) ? NAN : cos(x)), true, "", "")
MATH1(tan, (isinf(x) ? NAN : tan(x)), true, "", "")
MATH1(asin, (fabs(x) > 1 ? NAN : asin(x)), true, "", "")
MATH1(acos, (fabs(x) > 1 ? NAN : acos(x)), true, "", "")
MATH1(atan, atan(x), true, "", "")
MATH1(sinh, sinh(x), false, "", "")
MATH1(cosh, cosh(x), false, "", "")
MATH1(tanh, tanh(x), false, "", "")
MATH1(fabs, fabs(x), false, "", "")
MATH1(degrees, x * (180.0 / M_PI), false, "", "")
MATH1(radians, x * (M_PI / 180.0), false, "", "")
MATH1(expm1, expm1(x), false, "", "")
MATH1(log1p, (x <= -1 ? NAN : log1p(x)), true, "", "")

/* math.gamma / math.lgamma as CPython 3.11 computes them: exact factorials for the integers
 * 1..23, otherwise the Lanczos approximation (g = 6.024680040776729583740234375, 13 terms,
 * the rational sum evaluated in x below 5 and in 1/x above), with the reflection formula
 * through an exact sin(pi x) for negative x */
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[13] = {
    23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
static const double lanczos_den[13] = {0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
                                       13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0};
static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0)
        for (int i = 13; --i >= 0;) { num = num * x + lanczos_num[i]; den = den * x + lanczos_den[i]; }
    else
        for (int i = 0; i < 13; i++) { num = num / x + lanczos_num[i]; den = den / x + lanczos_den[i]; }
    return num / den;
}
static double m_sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    int n = (int)round(2.0 * y);
    const double pi = 3.141592653589793238462643383279502884197;
    switch (n) {
    case 0: r = sin(pi * y); break;
    case 1: r = cos(pi * (y - 0.5)); break;
    case 2: r = sin(pi * (1.0 - y)); break;
    case 3: r = -cos(pi * (y - 1.5)); break;
    default: r = sin(pi * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}
static double math_gamma(double x) {
    if (isnan(x) || (isinf(x) && x > 0)) return x;
    if (x == 0 || (x == floor(x) && x < 0) || isinf(x)) return NAN;
    if (x == floor(x) && x <= 23) {
        unsigned __int128 f = 1;
        for (int k = 2; k < (int)x; k++) f *= (unsigned)k;
        return (double)f;
    }
    double absx = fabs(x), r, z;
    if (absx < 1e-20) return 1.0 / x;
    if (absx > 200.0) return x < 0.0 ? 0.0 / m_sinpi(x) : INFINITY;
    double y = absx + lanczos_g_minus_half;
    if (absx > lanczos_g_minus_half) { double q = y - absx; z = q - lanczos_g_minus_half; }
    else { double q = y - lanczos_g_minus_half; z = q - absx; }
    z = z * lanczos_g / y;
    const double pi = 3.141592653589793238462643383279502884197;
    if (x < 0.0) {
        r = -pi / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) r /= pow(y, absx - 0.5);
        else { double sp = pow(y, absx / 2.0 - 0.25); r /= sp; r /= sp; }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) r *= pow(y, absx - 0.5);
        else { double sp = pow(y, absx / 2.0 - 0.25); r *= sp; r *= sp; }
    }
    return r;
}
static double math_lgamma(double x) {
    if (isnan(x)) return x;
    if (isinf(x)) return INFINITY;
    if (x == floor(x) && x <= 2) return x <= 0 ? NAN : 0.0;
    double absx = fabs(x);
    if (absx < 1e-20) return -log(absx);
    double r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) r = 1.144729885849400174143427351353058711647 - log(fabs(m_sinpi(absx))) - log(absx) - r;
    return r;
}
MATH1(gamma, math_gamma(x), false, "", "")
MATH1(lgamma, math_lgamma(x), false, "", "")

static Value m_log(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("log", 2, 1, "x", "base");
    double x;
    if (!arg_real(I, a[0], &x)) return VAL_ERR;
    if (x <= 0 || isnan(x)) {
        if (isnan(x)) return val_float(x);
        return err_raise(I, EXC_ValueError, "math domain error");
    }
    double r = log(x);
    if (!IS_UNDEF(a[1])) {
        double b;
        if (!arg_real(I, a[1], &b)) return VAL_ERR;
        if (b <= 0) return err_raise(I, EXC_ValueError, "math domain error");
        double lb = log(b);
        if (lb == 0) return err_raise(I, EXC_ZeroDivisionError, "float division by zero");
        r /= lb;
    }
    return val_float(r);
}

static Value m_atan2(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("atan2", 2, 2, "y", "x");
    double y, x;
    if (!arg_real(I, a[0], &y) || !arg_real(I, a[1], &x)) return VAL_ERR;
    return val_float(atan2(y, x));
}

static Value m_hypot(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    double acc = 0;
    for (int i = 0; i < argc; i++) {
        double x;
        if (!arg_real(I, argv[i], &x)) return VAL_ERR;
        acc = hypot(acc, x);
    }
    return val_float(acc);
}

static Value m_copysign(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("copysign", 2, 2, "x", "y");
    double x, y;
    if (!arg_real(I, a[0], &x) || !arg_real(I, a[1], &y)) return VAL_ERR;
    return val_float(copysign(x, y));
}

static Value m_fmod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fmod", 2, 2, "x", "y");
    double x, y;
    if (!arg_real(I, a[0], &x) || !arg_real(I, a[1], &y)) return VAL_ERR;
    if (isnan(x) || isnan(y)) return val_float(NAN);
    if (y == 0 || isinf(x)) return err_raise(I, EXC_ValueError, "math domain error");
    return val_float(fmod(x, y));
}

static Value m_modf(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("modf", 1, 1, "x");
    double x, ip;
    if (!arg_real(I, a[0], &x)) return VAL_ERR;
    double fp = isinf(x) ? copysign(0.0, x) : modf(x, &ip);
    if (isinf(x)) ip = x;
    return val_tuple2(I, val_float(fp), val_float(ip));
}

static Value m_frexp(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("frexp", 1, 1, "x");
    double x;
    int e = 0;
    if (!arg_real(I, a[0], &x)) return VAL_ERR;
    double m = (isinf(x) || isnan(x)) ? x : frexp(x, &e);
    return val_tuple2(I, val_float(m), val_int(e));
}

static Value m_floorceil(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *name, double (*f)(double)) {
    if (!nat_args(I, name, argc, argv, kw, 0, NULL, 0, NULL) && argc != 1) return VAL_ERR;
    err_clear(I);
    if (argc != 1) return err_raise(I, EXC_TypeError, "math.%s() takes exactly one argument (%d given)", name, argc);
    if (IS_INT(argv[0])) return argv[0];
    if (IS_BOOL(argv[0])) return val_int(argv[0].as.b);
    double x;
    if (!arg_real(I, argv[0], &x)) return VAL_ERR;
    return float_to_int(I, f(x));
}
static Value m_floor(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_floorceil(I, argc, argv, kw, "floor", floor); }
static Value m_ceil(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_floorceil(I, argc, argv, kw, "ceil", ceil); }
static Value m_trunc(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return m_floorceil(I, argc, argv, kw, "trunc", trunc); }

static Value m_isnan(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isnan", 1, 1, "x"); double x; if (!arg_real(I, a[0], &x)) return VAL_ERR; return val_bool(isnan(x));
}
static Value m_isinf(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isinf", 1, 1, "x"); double x; if (!arg_real(I, a[0], &x)) return VAL_ERR; return val_bool(isinf(x));
}
static Value m_isfinite(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isfinite", 1, 1, "x"); double x; if (!arg_real(I, a[0], &x)) return VAL_ERR; return val_bool(isfinite(x));
}

static Value m_isclose(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isclose", 4, 2, "a", "b", "rel_tol", "abs_tol");
    double x, y, rt = 1e-9, at = 0.0;
    if (!arg_real(I, a[0], &x) || !arg_real(I, a[1], &y)) return VAL_ERR;
    if (!IS_UNDEF(a[2]) && !arg_real(I, a[2], &rt)) return VAL_ERR;
    if (!IS_UNDEF(a[3]) && !arg_real(I, a[3], &at)) return VAL_ERR;
    if (rt < 0 || at < 0) return err_raise(I, EXC_ValueError, "tolerances must be non-negative");
    if (x == y) return val_bool(true);
    if (isinf(x) || isinf(y)) return val_bool(false);
    double d = fabs(y - x);
    return val_bool((d <= fabs(rt * y)) || (d <= fabs(rt * x)) || (d <= at));
}

static Value m_pow(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("pow", 2, 2, "x", "y");
    double x, y;
    if (!arg_real(I, a[0], &x) || !arg_real(I, a[1], &y)) return VAL_ERR;
    if (x == 0 && y < 0) return err_raise(I, EXC_ValueError, "math domain error");
    if (x < 0 && isfinite(x) && isfinite(y) && y != floor(y)) return err_raise(I, EXC_ValueError, "math domain error");
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y)) return err_raise(I, EXC_OverflowError, "math range error");
    return val_float(r);
}

static Value m_factorial(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("factorial", 1, 1, "n");
    if (IS_FLOAT(a[0])) return err_raise(I, EXC_TypeError, "'float' object cannot be interpreted as an integer");
    int64_t n;
    if (!val_as_index(I, a[0], &n)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_ValueError, "factorial() not defined for negative values");
    int64_t r = 1;
    for (int64_t i = 2; i <= n; i++)
        if (__builtin_mul_overflow(r, i, &r)) return err_raise(I, EXC_OverflowError, "integer overflow in factorial()");
    return val_int(r);
}

static Value m_gcd(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    int64_t g = 0;
    for (int i = 0; i < argc; i++) {
        int64_t x;
        if (!val_as_index(I, argv[i], &x)) return VAL_ERR;
        if (x < 0) x = -x;
        while (x) { int64_t t = g % x; g = x; x = t; }
    }
    return val_int(g < 0 ? -g : g);
}

static Value m_fsum(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("fsum", 1, 1, "iterable");
    Value it = val_iter(I, a[0]);
    if (IS_ERR(it)) return it;
    /* Neumaier compensated summation */
    double s = 0, c = 0;
    for (;;) {
        Value x = val_next(I, it);
        if (IS_ERR(x)) { val_decref(it); return x; }
        if (IS_UNDEF(x)) break;
        double d;
        bool ok = arg_real(I, x, &d);
        val_decref(x);
        if (!ok) { val_decref(it); return VAL_ERR; }
        double t = s + d;
        if (fabs(s) >= fabs(d)) c += (s - t) + d; else c += (d - t) + s;
        s = t;
    }
    val_decref(it);
    return val_float(s + c);
}

/* comb(n, k) / perm(n, k): exact, overflow is an OverflowError as for all ag ints */
static Value comb_perm(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, bool comb) {
    static const char *const names_[] = {"n", "k"};
    Value a[2];
    if (!nat_args(I, fname, argc, argv, kw, 2, names_, comb ? 2 : 1, a)) return VAL_ERR;
    int64_t n, k;
    if (!val_as_index(I, a[0], &n)) return VAL_ERR;
    if (IS_UNDEF(a[1]) || IS_NONE(a[1])) k = n;
    else if (!val_as_index(I, a[1], &k)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_ValueError, "n must be a non-negative integer");
    if (k < 0) return err_raise(I, EXC_ValueError, "k must be a non-negative integer");
    if (k > n) return val_int(0);
    if (comb && k > n - k) k = n - k;
    int64_t r = 1;
    for (int64_t i = 1; i <= k; i++) {
        /* comb: r * (n - k + i) / i stays exact at every step */
        unsigned __int128 t = (unsigned __int128)r * (uint64_t)(n - k + i);
        if (comb) t /= (uint64_t)i;
        if (t > INT64_MAX) return err_raise(I, EXC_OverflowError, "integer overflow in %s()", fname);
        r = (int64_t)t;
    }
    return val_int(r);
}
static Value m_comb(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return comb_perm(I, argc, argv, kw, "comb", true); }
static Value m_perm(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return comb_perm(I, argc, argv, kw, "perm", false); }

static Value m_isqrt(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("isqrt", 1, 1, "n");
    int64_t n;
    if (!val_as_index(I, a[0], &n)) return VAL_ERR;
    if (n < 0) return err_raise(I, EXC_ValueError, "isqrt() argument must be nonnegative");
    int64_t r = (int64_t)sqrt((double)n);
    while (r > 0 && (unsigned __int128)r * (unsigned __int128)r > (unsigned __int128)n) r--;
    while ((unsigned __int128)(r + 1) * (unsigned __int128)(r + 1) <= (unsigned __int128)n) r++;
    return val_int(r);
}

static Value m_lcm(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    int64_t l = 1;
    for (int i = 0; i < argc; i++) {
        int64_t x;
        if (!val_as_index(I, argv[i], &x)) return VAL_ERR;
        if (x < 0) x = -x;
        if (x == 0 || l == 0) { l = 0; continue; }
        int64_t g = l, y = x;
        while (y) { int64_t t = g % y; g = y; y = t; }
        if (__builtin_mul_overflow(l / g, x, &l)) return err_raise(I, EXC_OverflowError, "integer overflow in lcm()");
    }
    return val_int(l);
}

/* prod(iterable, start=1): the product, with * semantics */
static Value m_prod(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("prod", 2, 1, "iterable", "start");
    Value it = val_iter(I, a[0]);
    if (IS_ERR(it)) return VAL_ERR;
    Value acc = IS_UNDEF(a[1]) ? val_int(1) : val_incref(a[1]);
    for (;;) {
        Value x = val_next(I, it);
        if (IS_ERR(x)) { val_decref(acc); val_decref(it); return VAL_ERR; }
        if (IS_UNDEF(x)) break;
        Value r = val_binop(I, BIN_MUL, acc, x);
        val_decref(x);
        val_decref(acc);
        if (IS_ERR(r)) { val_decref(it); return VAL_ERR; }
        acc = r;
    }
    val_decref(it);
    return acc;
}

static const MethodDef math_table[] = {
    {"sqrt", m_sqrt, "math.sqrt(x)", "The square root of x."},
    {"exp", m_exp, "math.exp(x)", "e raised to the power x."},
    {"log", m_log, "math.log(x, base=e)", "The logarithm of x to the given base (natural by default)."},
    {"log2", m_log2, "math.log2(x)", "The base-2 logarithm of x."},
    {"log10", m_log10, "math.log10(x)", "The base-10 logarithm of x."},
    {"log1p", m_log1p, "math.log1p(x)", "log(1 + x), accurate for small x."},
    {"expm1", m_expm1, "math.expm1(x)", "exp(x) - 1, accurate for small x."},
    {"sin", m_sin, "math.sin(x)", "The sine of x (radians)."},
    {"cos", m_cos, "math.cos(x)", "The cosine of x (radians)."},
    {"tan", m_tan, "math.tan(x)", "The tangent of x (radians)."},
    {"asin", m_asin, "math.asin(x)", "The arc sine of x, in radians."},
    {"acos", m_acos, "math.acos(x)", "The arc cosine of x, in radians."},
    {"atan", m_atan, "math.atan(x)", "The arc tangent of x, in radians."},
    {"atan2", m_atan2, "math.atan2(y, x)", "The arc tangent of y/x, in radians, using the signs of both."},
    {"sinh", m_sinh, "math.sinh(x)", "The hyperbolic sine of x."},
    {"cosh", m_cosh, "math.cosh(x)", "The hyperbolic cosine of x."},
    {"tanh", m_tanh, "math.tanh(x)", "The hyperbolic tangent of x."},
    {"floor", m_floor, "math.floor(x)", "The largest integer <= x, as an int."},
    {"ceil", m_ceil, "math.ceil(x)", "The smallest integer >= x, as an int."},
    {"trunc", m_trunc, "math.trunc(x)", "x truncated toward zero, as an int."},
    {"fabs", m_fabs, "math.fabs(x)", "The absolute value of x, as a float."},
    {"isnan", m_isnan, "math.isnan(x)", "Whether x is a NaN."},
    {"isinf", m_isinf, "math.isinf(x)", "Whether x is positive or negative infinity."},
    {"isfinite", m_isfinite, "math.isfinite(x)", "Whether x is neither infinite nor NaN."},
    {"isclose", m_isclose, "math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)", "Whether a and b are close to each other."},
    {"pow", m_pow, "math.pow(x, y)", "x raised to the power y, as a float."},
    {"hypot", m_hypot, "math.hypot(*coordinates)", "The Euclidean norm, sqrt(sum(x**2 for x in coordinates))."},
    {"fmod", m_fmod, "math.fmod(x, y)", "The C remainder of x / y (sign of x)."},
    {"modf", m_modf, "math.modf(x)", "The fractional and integer parts of x, as floats."},
    {"frexp", m_frexp, "math.frexp(x)", "(m, e) with x == m * 2**e and 0.5 <= abs(m) < 1."},
    {"copysign", m_copysign, "math.copysign(x, y)", "x with the sign of y."},
    {"degrees", m_degrees, "math.degrees(x)", "Radians to degrees."},
    {"radians", m_radians, "math.radians(x)", "Degrees to radians."},
    {"factorial", m_factorial, "math.factorial(n)", "n! for a non-negative integer n."},
    {"gamma", m_gamma, "math.gamma(x)", "The gamma function at x (gamma(n + 1) is n!)."},
    {"lgamma", m_lgamma, "math.lgamma(x)", "The natural logarithm of abs(gamma(x))."},
    {"gcd", m_gcd, "math.gcd(*integers)", "The greatest common divisor."},
    {"fsum", m_fsum, "math.fsum(iterable)", "An accurate floating-point sum."},
    {"comb", m_comb, "math.comb(n, k)", "The number of ways to choose k items from n, without order."},
    {"perm", m_perm, "math.perm(n, k=None)", "The number of ways to choose k items from n, in order."},
    {"isqrt", m_isqrt, "math.isqrt(n)", "The integer square root of n (floor of the exact root)."},
    {"lcm", m_lcm, "math.lcm(*integers)", "The least common multiple."},
    {"prod", m_prod, "math.prod(iterable, start=1)", "The product of start and the items of the iterable."},
    {NULL, NULL, NULL, NULL},
};

/* ---- time ------------------------------------------------------------------------------------ */
static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static int64_t clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
static Value time_time(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "time", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_float(clock_seconds(CLOCK_REALTIME));
}
static Value time_time_ns(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "time_ns", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_int(clock_ns(CLOCK_REALTIME));
}
static Value time_perf_counter(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "perf_counter", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_float(clock_seconds(CLOCK_MONOTONIC));
}
static Value time_perf_counter_ns(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "perf_counter_ns", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_int(clock_ns(CLOCK_MONOTONIC));
}
static Value time_process_time(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_args(I, "process_time", argc, argv, kw, 0, NULL, 0, NULL)) return VAL_ERR;
    return val_float(clock_seconds(CLOCK_PROCESS_CPUTIME_ID));
}
/* sleep(secs): in short naps, so Ctrl-C interrupts it */
static Value time_sleep(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (!nat_positional(I, "sleep", argc, kw, 1, 1)) return VAL_ERR;
    double secs;
    if (IS_INT(argv[0]) || IS_BOOL(argv[0])) secs = IS_INT(argv[0]) ? (double)argv[0].as.i : argv[0].as.b;
    else if (IS_FLOAT(argv[0])) secs = argv[0].as.f;
    else return err_raise(I, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(argv[0]));
    if (isnan(secs)) return err_raise(I, EXC_ValueError, "Invalid value NaN (not a number)");
    if (secs < 0) return err_raise(I, EXC_ValueError, "sleep length must be non-negative");
    if (I->step_budget) return VAL_NONE; /* fuzzing: bounded runs never wait */
    double end = clock_seconds(CLOCK_MONOTONIC) + secs;
    for (;;) {
        if (ag_interrupted) {
            ag_interrupted = 0;
            return err_raise(I, EXC_KeyboardInterrupt, "%s", "");
        }
        double left = end - clock_seconds(CLOCK_MONOTONIC);
        if (left <= 0) break;
        if (left > 0.05) left = 0.05;
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        nanosleep(&ts, NULL);
    }
    return VAL_NONE;
}
static const MethodDef time_table[] = {
    {"time", time_time, "time.time()", "Seconds since the Unix epoch, as a float."},
    {"time_ns", time_time_ns, "time.time_ns()", "Nanoseconds since the Unix epoch, as an int."},
    {"perf_counter", time_perf_counter, "time.perf_counter()", "A high-resolution clock for timing code, in seconds."},
    {"perf_counter_ns", time_perf_counter_ns, "time.perf_counter_ns()", "perf_counter() in nanoseconds, as an int."},
    {"monotonic", time_perf_counter, "time.monotonic()", "A clock that never goes backwards, in seconds."},
    {"process_time", time_process_time, "time.process_time()", "CPU time of this process, in seconds."},
    {"sleep", time_sleep, "time.sleep(secs)", "Pause for secs seconds (Ctrl-C interrupts)."},
    {NULL, NULL, NULL, NULL},
};

Module *bi_time_init(Interp *I) {
    Module *m = module_new(I, "time");
    if (!m) return NULL;
    if (!module_add_natives(I, m, time_table)) { obj_decref((Obj *)m); return NULL; }
    return m;
}

Module *bi_math_init(Interp *I) {
    Module *m = module_new(I, "math");
    if (!m) return NULL;
    if (!module_add_natives(I, m, math_table) || !module_set(I, m, "pi", val_float(M_PI)) ||
        !module_set(I, m, "e", val_float(M_E)) || !module_set(I, m, "tau", val_float(2 * M_PI)) ||
        !module_set(I, m, "inf", val_float(INFINITY)) || !module_set(I, m, "nan", val_float(NAN))) {
        obj_decref((Obj *)m);
        return NULL;
    }
    return m;
}
