/* value.c — the generic value protocol: Python semantics for the built-in types, and
 * dispatch through ObjClass slots for every other object (prefixes val_, obj_). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "interp.h"
#include "class.h"
#include "exc.h"
#include "mem.h"

const char *const binop_symbol[BIN__COUNT] = {
    [BIN_ADD] = "+", [BIN_SUB] = "-", [BIN_MUL] = "*", [BIN_TRUEDIV] = "/", [BIN_FLOORDIV] = "//",
    [BIN_MOD] = "%", [BIN_POW] = "**", [BIN_MATMUL] = "@", [BIN_AND] = "&",
    [BIN_OR] = "|", [BIN_XOR] = "^", [BIN_LSHIFT] = "<<", [BIN_RSHIFT] = ">>", [BIN_LT] = "<", [BIN_LE] = "<=",
    [BIN_EQ] = "==", [BIN_NE] = "!=", [BIN_GT] = ">", [BIN_GE] = ">=",
};

/* ---- objects ------------------------------------------------------------------------ */

void *obj_new_failed(Interp *I) {
    err_nomem(I);
    return NULL;
}

void obj_dealloc(Obj *o, size_t size) { mem_free(o, size); }

void obj_track(Interp *I, ObjLink *l) {
    ObjLink *head = &I->containers;
    if (++I->gc_new > I->gc_next) I->gc_due = true;
    if (!head->next) head->next = head->prev = head;
    l->next = head;
    l->prev = head->prev;
    head->prev->next = l;
    head->prev = l;
}
void obj_untrack(ObjLink *l) {
    l->prev->next = l->next;
    l->next->prev = l->prev;
}

/* Every registered container sits right after its Obj header. */
static Obj *link_obj(ObjLink *l) { return (Obj *)((char *)l - offsetof(List, link)); }
_Static_assert(offsetof(List, link) == offsetof(Dict, link), "containers link at one offset");

/* Empty every registered container (the intern table aside: it is torn down last). Each one
 * is held while it is emptied, and the next one is held before this one is let go, so the
 * walk only ever steps onto live, still-linked containers, and needs no memory. */
void obj_break_cycles(Interp *I) {
    ObjLink *head = &I->containers;
    if (!head->next) return;
    ObjLink *l = head->next;
    if (l != head) obj_incref(link_obj(l));
    while (l != head) {
        Obj *o = link_obj(l);
        if (o != (Obj *)I->interned && o->cls->clear) o->cls->clear(o);
        ObjLink *nx = l->next;
        if (nx != head) obj_incref(link_obj(nx));
        obj_decref(o);
        l = nx;
    }
}

/* The interpreter is going: anything still registered outlives it (held by the embedder),
 * so each link is made to point at itself and unlinking it later touches nothing else. */
void obj_registry_release(Interp *I) {
    ObjLink *head = &I->containers;
    if (!head->next) return;
    for (ObjLink *l = head->next, *nx; l != head; l = nx) {
        nx = l->next;
        l->next = l->prev = l;
    }
    head->next = head->prev = head;
}

void obj_free(Obj *o) {
    if (o->cls->free) o->cls->free(o);
}

const char *val_type_name(Value v) {
    switch (v.kind) {
    case V_NONE: return "NoneType";
    case V_BOOL: return "bool";
    case V_INT: return "int";
    case V_FLOAT: return "float";
    case V_OBJ:
        /* the collections dicts share dict's class; CPython names them apart in its messages */
        if (AS_OBJ(v)->cls == &dict_class) {
            uint8_t f = ((Dict *)AS_OBJ(v))->flavor;
            if (f == DICT_COUNTER) return "Counter";
            if (f == DICT_DEFAULT) return "collections.defaultdict";
            if (f == DICT_ORDERED) return "collections.OrderedDict";
        }
        if (AS_OBJ(v)->cls == &cls_instance_class) return cls_type_name(v); /* the user class's name */
        if (AS_OBJ(v)->cls == &exc_class) return exc_class.type_name(v); /* ValueError, not BaseException */
        return AS_OBJ(v)->cls->name;
    case V_NOTIMPL: return "NotImplementedType";
    default: return "<undefined>";
    }
}

bool val_as_index(Interp *I, Value v, int64_t *out) {
    if (IS_INT(v)) { *out = v.as.i; return true; }
    if (IS_BOOL(v)) { *out = v.as.b; return true; }
    err_raise(I, EXC_TypeError, "'%s' object cannot be interpreted as an integer", val_type_name(v));
    return false;
}

/* ---- recursion guard for repr / == / hash on nested containers ---------------------- */

#define NEST_MAX 1000
static const Obj *repr_stack[NEST_MAX];
static int repr_depth;
static int cmp_depth;

/* ---- repr / str / format ------------------------------------------------------------- */

bool val_repr(Interp *I, StrBuf *sb, Value v) {
    switch (v.kind) {
    case V_NONE: sb_puts(sb, "None"); break;
    case V_BOOL: sb_puts(sb, v.as.b ? "True" : "False"); break;
    case V_INT: sb_printf(sb, "%lld", (long long)v.as.i); break;
    case V_FLOAT: fmt_float_repr(sb, v.as.f); break;
    case V_NOTIMPL: sb_puts(sb, "NotImplemented"); break;
    case V_OBJ: {
        Obj *o = AS_OBJ(v);
        if (!o->cls->repr) {
            sb_printf(sb, "<%s object at %p>", o->cls->name, (void *)o);
            break;
        }
        bool container = o->cls == &list_class || o->cls == &dict_class;
        if (container) {
            for (int i = 0; i < repr_depth; i++)
                if (repr_stack[i] == o) {
                    sb_puts(sb, o->cls == &list_class ? "[...]" : "{...}");
                    goto done;
                }
        }
        if (repr_depth >= NEST_MAX) {
            err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
            return false;
        }
        repr_stack[repr_depth++] = o;
        bool ok = o->cls->repr(I, sb, v);
        repr_depth--;
        if (!ok) return false;
        break;
    }
    default: sb_puts(sb, "<undefined>"); break;
    }
done:
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

bool val_str_into(Interp *I, StrBuf *sb, Value v) {
    if (IS_OBJ(v) && AS_OBJ(v)->cls->str) {
        if (!AS_OBJ(v)->cls->str(I, sb, v)) return false;
        if (sb->oom) { err_nomem(I); return false; }
        return true;
    }
    return val_repr(I, sb, v);
}

Value val_to_repr(Interp *I, Value v) {
    StrBuf sb;
    sb_init(&sb);
    if (!val_repr(I, &sb, v)) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}

/* ascii(v): repr(v) with every non-ASCII code point escaped (\xe9, \u03b1, \U0001f600). */
bool val_ascii(Interp *I, StrBuf *sb, Value v) {
    StrBuf r;
    sb_init(&r);
    if (!val_repr(I, &r, v)) { sb_free(&r); return false; }
    const unsigned char *p = (const unsigned char *)(r.data ? r.data : ""), *end = p + r.len;
    while (p < end) {
        if (*p < 0x80) { sb_putc(sb, (char)*p++); continue; }
        /* repr() output is valid UTF-8 */
        int n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
        uint32_t c = *p & (0x7f >> n);
        for (int i = 1; i < n && p + i < end; i++) c = (c << 6) | (p[i] & 0x3f);
        p += n;
        if (c <= 0xff) sb_printf(sb, "\\x%02x", (unsigned)c);
        else if (c <= 0xffff) sb_printf(sb, "\\u%04x", (unsigned)c);
        else sb_printf(sb, "\\U%08x", (unsigned)c);
    }
    sb_free(&r);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

Value val_to_str(Interp *I, Value v) {
    if (IS_A(v, str_class)) return val_incref(v);
    StrBuf sb;
    sb_init(&sb);
    if (!val_str_into(I, &sb, v)) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}

bool val_format(Interp *I, StrBuf *sb, Value v, const char *spec, size_t n) {
    switch (v.kind) {
    case V_BOOL:
        if (n == 0) return val_str_into(I, sb, v);
        return fmt_int_spec(I, sb, v.as.b, spec, n);
    case V_INT:
        return fmt_int_spec(I, sb, v.as.i, spec, n);
    case V_FLOAT:
        if (n == 0) return val_repr(I, sb, v);
        return fmt_float_spec(I, sb, v.as.f, spec, n);
    case V_OBJ:
        if (AS_OBJ(v)->cls->format) return AS_OBJ(v)->cls->format(I, sb, v, spec, n);
        break;
    default: break;
    }
    if (n == 0) return val_str_into(I, sb, v);
    err_raise(I, EXC_TypeError, "unsupported format string passed to %s.__format__", val_type_name(v));
    return false;
}

/* ---- truth, equality, hashing ------------------------------------------------------- */

int val_truth(Interp *I, Value v) {
    switch (v.kind) {
    case V_NONE: return 0;
    case V_BOOL: return v.as.b;
    case V_INT: return v.as.i != 0;
    case V_FLOAT: return v.as.f != 0.0;
    case V_OBJ: {
        Obj *o = AS_OBJ(v);
        if (o->cls == &str_class) return ((Str *)o)->len != 0;
        if (o->cls == &list_class) return ((List *)o)->len != 0;
        if (o->cls == &tuple_class) return ((Tuple *)o)->len != 0;
        if (o->cls == &dict_class) return ((Dict *)o)->len != 0;
        if (o->cls->truth) return o->cls->truth(I, v);
        if (o->cls->len) {
            int64_t n = o->cls->len(I, v);
            return n < 0 ? -1 : n != 0;
        }
        return 1;
    }
    default: return 1;
    }
}

/* Exact comparison of an int with a double: -1, 0, 1, or 2 when unordered (NaN). */
static int cmp_int_float(int64_t i, double f) {
    if (f != f) return 2;
    if (f >= 9223372036854775808.0) return -1;
    if (f < -9223372036854775808.0) return 1;
    double t = trunc(f);
    int64_t ti = (int64_t)t;
    if (i != ti) return i < ti ? -1 : 1;
    double frac = f - t;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

static bool num_val(Value v, bool *is_f, int64_t *i, double *f) {
    switch (v.kind) {
    case V_INT: *is_f = false; *i = v.as.i; return true;
    case V_BOOL: *is_f = false; *i = v.as.b; return true;
    case V_FLOAT: *is_f = true; *f = v.as.f; return true;
    default: return false;
    }
}

/* Compare two numbers: -1/0/1, 2 when unordered. */
static int num_cmp(Value a, Value b) {
    bool af = false, bf = false;
    int64_t ai = 0, bi = 0;
    double ad = 0, bd = 0;
    num_val(a, &af, &ai, &ad);
    num_val(b, &bf, &bi, &bd);
    if (!af && !bf) return ai < bi ? -1 : ai > bi;
    if (af && bf) return ad < bd ? -1 : ad > bd ? 1 : ad == bd ? 0 : 2;
    if (!af) return cmp_int_float(ai, bd);
    int c = cmp_int_float(bi, ad);
    return c == 2 ? 2 : -c;
}

bool val_eq(Interp *I, Value a, Value b, bool *out) {
    if (IS_NUM(a) && IS_NUM(b)) {
        if (IS_INT(a) && IS_INT(b)) *out = a.as.i == b.as.i;
        else *out = num_cmp(a, b) == 0;
        return true;
    }
    if (!IS_OBJ(a) || !IS_OBJ(b)) {
        *out = a.kind == b.kind && (IS_NONE(a) || IS_NOTIMPL(a));
        if (IS_OBJ(a) || IS_OBJ(b)) goto slots;
        return true;
    }
    if (AS_OBJ(a) == AS_OBJ(b)) { *out = true; return true; }
    if (AS_OBJ(a)->cls == AS_OBJ(b)->cls && AS_OBJ(a)->cls->eq) {
        if (cmp_depth >= NEST_MAX) {
            err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded in comparison");
            return false;
        }
        cmp_depth++;
        bool ok = AS_OBJ(a)->cls->eq(I, a, b, out);
        cmp_depth--;
        return ok;
    }
slots:
    *out = false;
    {
        const ObjClass *ca = IS_OBJ(a) ? AS_OBJ(a)->cls : NULL, *cb = IS_OBJ(b) ? AS_OBJ(b)->cls : NULL;
        if ((ca && ca->binop) || (cb && cb->binop)) {
            Value r = val_binop(I, BIN_EQ, a, b);
            if (IS_ERR(r)) return false;
            int t = val_truth(I, r);
            val_decref(r);
            if (t < 0) return false;
            *out = t;
        }
    }
    return true;
}

#define HASH_BITS 61
#define HASH_MOD (((uint64_t)1 << HASH_BITS) - 1)

static uint64_t hash_int(int64_t x) {
    uint64_t m = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    int64_t h = (int64_t)(m % HASH_MOD);
    if (x < 0) h = -h;
    if (h == -1) h = -2;
    return (uint64_t)h;
}

/* CPython's _Py_HashDouble, so that hash(1.0) == hash(1) and hash(0.5) matches too. */
static uint64_t hash_double(double v) {
    if (!isfinite(v)) return isinf(v) ? (v > 0 ? 314159 : (uint64_t)-314159) : 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MOD) | x >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MOD) x -= HASH_MOD;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MOD) | x >> (HASH_BITS - e);
    x = x * (uint64_t)(int64_t)sign;
    if (x == (uint64_t)-1) x = (uint64_t)-2;
    return x;
}

bool val_hash(Interp *I, Value v, uint64_t *out) {
    switch (v.kind) {
    case V_NONE: *out = 0xFCA86420ULL; return true;
    case V_BOOL: *out = (uint64_t)v.as.b; return true;
    case V_INT: *out = hash_int(v.as.i); return true;
    case V_FLOAT: *out = hash_double(v.as.f); return true;
    case V_OBJ: {
        Obj *o = AS_OBJ(v);
        if (o->cls == &str_class) { *out = str_hash((Str *)o); return true; }
        if (!o->cls->hash) {
            err_raise(I, EXC_TypeError, "unhashable type: '%s'", o->cls->name);
            return false;
        }
        if (cmp_depth >= NEST_MAX) {
            err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded while calling a Python object");
            return false;
        }
        cmp_depth++;
        bool ok = o->cls->hash(I, v, out);
        cmp_depth--;
        return ok;
    }
    default:
        err_raise(I, EXC_TypeError, "unhashable type: '%s'", val_type_name(v));
        return false;
    }
}

/* ---- arithmetic ----------------------------------------------------------------------- */

static Value overflow(Interp *I) { return err_raise(I, EXC_OverflowError, "integer overflow"); }

static Value cmp_result(BinOp op, int c) {
    if (c == 2) return val_bool(op == BIN_NE); /* NaN: only != holds */
    switch (op) {
    case BIN_LT: return val_bool(c < 0);
    case BIN_LE: return val_bool(c <= 0);
    case BIN_EQ: return val_bool(c == 0);
    case BIN_NE: return val_bool(c != 0);
    case BIN_GT: return val_bool(c > 0);
    default: return val_bool(c >= 0);
    }
}

static Value float_pow(Interp *I, double x, double y) {
    if (y == 0) return val_float(1.0);
    if (x == 0 && y < 0 && !isinf(y)) return err_raise(I, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (isfinite(x) && x < 0 && isfinite(y) && y != floor(y))
        return err_raise(I, EXC_ValueError, "a negative number cannot be raised to a fractional power (the result is complex)");
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return err_raise(I, EXC_OverflowError, "(34, 'Numerical result out of range')");
    return val_float(r);
}

/* a / b correctly rounded for any int64 operands (b != 0): a quotient with at least 55
 * significant bits plus a sticky bit, rounded once by the integer-to-double conversion. */
static double int_truediv(int64_t a, int64_t b) {
    bool neg = (a < 0) != (b < 0);
    uint64_t ua = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint64_t ub = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
    if (ua == 0) return neg ? -0.0 : 0.0;
    int la = 64 - __builtin_clzll(ua), lb = 64 - __builtin_clzll(ub);
    int s = 55 + lb - la;
    if (s < 0) s = 0;
    unsigned __int128 num = (unsigned __int128)ua << s;
    uint64_t q = (uint64_t)(num / ub);
    if (num % ub) q |= 1;
    double r = ldexp((double)q, -s);
    return neg ? -r : r;
}

static Value int_binop(Interp *I, BinOp op, int64_t a, int64_t b) {
    int64_t r;
    switch (op) {
    case BIN_ADD: if (__builtin_add_overflow(a, b, &r)) return overflow(I); return val_int(r);
    case BIN_SUB: if (__builtin_sub_overflow(a, b, &r)) return overflow(I); return val_int(r);
    case BIN_MUL: if (__builtin_mul_overflow(a, b, &r)) return overflow(I); return val_int(r);
    case BIN_TRUEDIV:
        if (b == 0) return err_raise(I, EXC_ZeroDivisionError, "division by zero");
        if (a > -(1LL << 53) && a < (1LL << 53) && b > -(1LL << 53) && b < (1LL << 53))
            return val_float((double)a / (double)b);
        return val_float(int_truediv(a, b));
    case BIN_FLOORDIV:
        if (b == 0) return err_raise(I, EXC_ZeroDivisionError, "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) return overflow(I);
        r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) r--;
        return val_int(r);
    case BIN_MOD:
        if (b == 0) return err_raise(I, EXC_ZeroDivisionError, "integer modulo by zero");
        if (b == -1) return val_int(0);
        r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        return val_int(r);
    case BIN_POW: {
        if (b < 0) {
            if (a == 0) return err_raise(I, EXC_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return float_pow(I, (double)a, (double)b);
        }
        int64_t result = 1, base = a;
        uint64_t e = (uint64_t)b;
        while (e) {
            if (e & 1)
                if (__builtin_mul_overflow(result, base, &result)) return overflow(I);
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) {
                /* base^2 overflows; the result does too unless base is 0/±1 (handled: no overflow then) */
                return overflow(I);
            }
        }
        return val_int(result);
    }
    case BIN_AND: return val_int(a & b);
    case BIN_OR: return val_int(a | b);
    case BIN_XOR: return val_int(a ^ b);
    case BIN_LSHIFT:
        if (b < 0) return err_raise(I, EXC_ValueError, "negative shift count");
        if (a == 0) return val_int(0);
        if (b >= 63) { /* only -1 << 63 fits */
            if (a == -1 && b == 63) return val_int(INT64_MIN);
            return overflow(I);
        }
        r = (int64_t)((uint64_t)a << b);
        if ((r >> b) != a) return overflow(I);
        return val_int(r);
    case BIN_RSHIFT:
        if (b < 0) return err_raise(I, EXC_ValueError, "negative shift count");
        if (b >= 64) return val_int(a < 0 ? -1 : 0);
        return val_int(a >> b);
    case BIN_LT: return val_bool(a < b);
    case BIN_LE: return val_bool(a <= b);
    case BIN_EQ: return val_bool(a == b);
    case BIN_NE: return val_bool(a != b);
    case BIN_GT: return val_bool(a > b);
    case BIN_GE: return val_bool(a >= b);
    default: return VAL_NOTIMPL;
    }
}

static Value float_binop(Interp *I, BinOp op, double x, double y) {
    switch (op) {
    case BIN_ADD: return val_float(x + y);
    case BIN_SUB: return val_float(x - y);
    case BIN_MUL: return val_float(x * y);
    case BIN_TRUEDIV:
        if (y == 0) return err_raise(I, EXC_ZeroDivisionError, "float division by zero");
        return val_float(x / y);
    case BIN_FLOORDIV: {
        if (y == 0) return err_raise(I, EXC_ZeroDivisionError, "float floor division by zero");
        double mod = fmod(x, y), div = (x - mod) / y, fd;
        if (mod) {
            if ((y < 0) != (mod < 0)) div -= 1.0;
        }
        if (div) {
            fd = floor(div);
            if (div - fd > 0.5) fd += 1.0;
        } else
            fd = copysign(0.0, x / y);
        return val_float(fd);
    }
    case BIN_MOD: {
        if (y == 0) return err_raise(I, EXC_ZeroDivisionError, "float modulo");
        double mod = fmod(x, y);
        if (mod) {
            if ((y < 0) != (mod < 0)) mod += y;
        } else
            mod = copysign(0.0, y);
        return val_float(mod);
    }
    case BIN_POW: return float_pow(I, x, y);
    default: return VAL_NOTIMPL;
    }
}

static Value type_error_binop(Interp *I, BinOp op, Value a, Value b) {
    if (op >= BIN_LT && op <= BIN_GE)
        return err_raise(I, EXC_TypeError, "'%s' not supported between instances of '%s' and '%s'", binop_symbol[op],
                         val_type_name(a), val_type_name(b));
    return err_raise(I, EXC_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                     op == BIN_POW ? "** or pow()" : binop_symbol[op], val_type_name(a), val_type_name(b));
}

/* seq * n for str, list and tuple. */
static Value seq_repeat(Interp *I, Value seq, int64_t n) {
    if (n < 0) n = 0;
    Obj *o = AS_OBJ(seq);
    if (o->cls == &str_class) {
        Str *s = (Str *)o;
        int64_t total;
        if (__builtin_mul_overflow(s->len, n, &total)) return err_raise(I, EXC_OverflowError, "repeated string is too long");
        if ((uint64_t)total > mem_limit_bytes())
            return err_raise(I, EXC_MemoryError, "the repeated string would have %lld characters: it would not fit in memory",
                             (long long)total);
        if (n == 1) return val_incref(seq);
        StrBuf sb;
        sb_init(&sb);
        for (int64_t i = 0; i < n && !sb.oom; i++) sb_putn(&sb, s->data, (size_t)s->len);
        return sb_to_str(I, &sb);
    }
    const Value *items;
    int64_t len;
    if (o->cls == &list_class) { items = ((List *)o)->items; len = ((List *)o)->len; }
    else { items = ((Tuple *)o)->items; len = ((Tuple *)o)->len; }
    int64_t total;
    if (__builtin_mul_overflow(len, n, &total) || (uint64_t)total > mem_limit_bytes() / sizeof(Value))
        return err_raise(I, EXC_MemoryError, "cannot repeat a %s of %lld item%s %lld times: the result would not fit in memory",
                         o->cls == &list_class ? "list" : "tuple", (long long)len, len == 1 ? "" : "s", (long long)n);
    if (o->cls == &list_class) {
        List *l = list_new(I, total);
        if (!l) return VAL_ERR;
        for (int64_t k = 0; k < n; k++)
            for (int64_t i = 0; i < len; i++) l->items[k * len + i] = val_incref(items[i]);
        l->len = total;
        return val_obj(l);
    }
    if (n == 1) return val_incref(seq);
    Tuple *t = tuple_new(I, total);
    if (!t) return VAL_ERR;
    for (int64_t k = 0; k < n; k++)
        for (int64_t i = 0; i < len; i++) t->items[k * len + i] = val_incref(items[i]);
    return val_obj(t);
}

static Value seq_concat(Interp *I, Value a, Value b) {
    Obj *x = AS_OBJ(a), *y = AS_OBJ(b);
    if (x->cls == &str_class) {
        Str *s = (Str *)x, *t = (Str *)y;
        if (t->len == 0) return val_incref(a);
        if (s->len == 0) return val_incref(b);
        Str *r = obj_new(I, &str_class, sizeof(Str) + (size_t)(s->len + t->len) + 1);
        if (!r) return VAL_ERR;
        r->len = s->len + t->len;
        r->ncp = s->ncp + t->ncp;
        r->hash = 0;
        r->interned = false;
        memcpy(r->data, s->data, (size_t)s->len);
        memcpy(r->data + s->len, t->data, (size_t)t->len);
        r->data[r->len] = 0;
        return val_obj(r);
    }
    const Value *ia, *ib;
    int64_t na, nb;
    if (x->cls == &list_class) {
        ia = ((List *)x)->items; na = ((List *)x)->len; ib = ((List *)y)->items; nb = ((List *)y)->len;
        List *l = list_new(I, na + nb);
        if (!l) return VAL_ERR;
        for (int64_t i = 0; i < na; i++) l->items[i] = val_incref(ia[i]);
        for (int64_t i = 0; i < nb; i++) l->items[na + i] = val_incref(ib[i]);
        l->len = na + nb;
        return val_obj(l);
    }
    ia = ((Tuple *)x)->items; na = ((Tuple *)x)->len; ib = ((Tuple *)y)->items; nb = ((Tuple *)y)->len;
    if (nb == 0) return val_incref(a);
    if (na == 0) return val_incref(b);
    Tuple *t = tuple_new(I, na + nb);
    if (!t) return VAL_ERR;
    for (int64_t i = 0; i < na; i++) t->items[i] = val_incref(ia[i]);
    for (int64_t i = 0; i < nb; i++) t->items[na + i] = val_incref(ib[i]);
    return val_obj(t);
}

/* Lexicographic comparison of two lists or two tuples. */
static Value seq_compare(Interp *I, BinOp op, const Value *ia, int64_t na, const Value *ib, int64_t nb) {
    int64_t i = 0;
    for (; i < na && i < nb; i++) {
        bool eq;
        if (!val_eq(I, ia[i], ib[i], &eq)) return VAL_ERR;
        if (!eq) break;
    }
    if (i >= na || i >= nb) return cmp_result(op, na < nb ? -1 : na > nb);
    if (op == BIN_EQ) return val_bool(false);
    if (op == BIN_NE) return val_bool(true);
    if (cmp_depth >= NEST_MAX) return err_raise(I, EXC_RecursionError, "maximum recursion depth exceeded in comparison");
    cmp_depth++;
    Value r = val_binop(I, op, ia[i], ib[i]);
    cmp_depth--;
    return r;
}

Value val_binop(Interp *I, BinOp op, Value a, Value b) {
    /* numbers first: no allocation */
    if (a.kind == V_INT && b.kind == V_INT) return int_binop(I, op, a.as.i, b.as.i);
    if (a.kind == V_FLOAT && b.kind == V_FLOAT) {
        if (op >= BIN_LT) {
            double x = a.as.f, y = b.as.f;
            switch (op) {
            case BIN_LT: return val_bool(x < y);
            case BIN_LE: return val_bool(x <= y);
            case BIN_EQ: return val_bool(x == y);
            case BIN_NE: return val_bool(x != y);
            case BIN_GT: return val_bool(x > y);
            default: return val_bool(x >= y);
            }
        }
        Value r = float_binop(I, op, a.as.f, b.as.f);
        return IS_NOTIMPL(r) ? type_error_binop(I, op, a, b) : r;
    }
    if (IS_NUM(a) && IS_NUM(b)) {
        if (op >= BIN_LT) return cmp_result(op, num_cmp(a, b));
        if (IS_BOOL(a) && IS_BOOL(b) && (op == BIN_AND || op == BIN_OR || op == BIN_XOR)) /* bool & bool is a bool */
            return val_bool(op == BIN_AND ? (a.as.b && b.as.b) : op == BIN_OR ? (a.as.b || b.as.b) : (a.as.b != b.as.b));
        Value r;
        if (IS_FLOAT(a) || IS_FLOAT(b)) {
            double x = IS_FLOAT(a) ? a.as.f : IS_INT(a) ? (double)a.as.i : a.as.b;
            double y = IS_FLOAT(b) ? b.as.f : IS_INT(b) ? (double)b.as.i : b.as.b;
            r = float_binop(I, op, x, y);
        } else
            r = int_binop(I, op, IS_INT(a) ? a.as.i : a.as.b, IS_INT(b) ? b.as.i : b.as.b);
        return IS_NOTIMPL(r) ? type_error_binop(I, op, a, b) : r;
    }
    const ObjClass *ca = IS_OBJ(a) ? AS_OBJ(a)->cls : NULL, *cb = IS_OBJ(b) ? AS_OBJ(b)->cls : NULL;
    if (op == BIN_MOD && ca == &str_class) return str_percent(I, a, b); /* "%d" % x: str's own % comes first */
    /* classes with a binop slot (tensors, ...) get the first say: left, then right */
    if (ca && ca->binop) {
        Value r = ca->binop(I, op, a, b);
        if (!IS_NOTIMPL(r)) return r;
    }
    if (cb && cb->binop && cb != ca) {
        Value r = cb->binop(I, op, a, b);
        if (!IS_NOTIMPL(r)) return r;
    }
    bool seq_a = ca == &str_class || ca == &list_class || ca == &tuple_class;
    bool seq_b = cb == &str_class || cb == &list_class || cb == &tuple_class;
    switch (op) {
    case BIN_ADD:
        if (seq_a) {
            if (ca == cb) return seq_concat(I, a, b);
            return err_raise(I, EXC_TypeError, "can only concatenate %s (not \"%s\") to %s", ca->name, val_type_name(b), ca->name);
        }
        break;
    case BIN_MUL:
        if (seq_a && (IS_INT(b) || IS_BOOL(b))) return seq_repeat(I, a, IS_INT(b) ? b.as.i : b.as.b);
        if (seq_b && (IS_INT(a) || IS_BOOL(a))) return seq_repeat(I, b, IS_INT(a) ? a.as.i : a.as.b);
        if (seq_a && !(cb && cb->binop)) return err_raise(I, EXC_TypeError, "can't multiply sequence by non-int of type '%s'", val_type_name(b));
        if (seq_b && !(ca && ca->binop)) return err_raise(I, EXC_TypeError, "can't multiply sequence by non-int of type '%s'", val_type_name(a));
        break;
    case BIN_EQ: case BIN_NE: {
        bool eq;
        /* both binop slots said NotImplemented: Python falls back to identity (val_eq would
         * ask the same slots again, forever) */
        if ((ca && ca->binop) || (cb && cb->binop)) eq = ca && cb && AS_OBJ(a) == AS_OBJ(b);
        else if (!val_eq(I, a, b, &eq)) return VAL_ERR;
        return val_bool(op == BIN_EQ ? eq : !eq);
    }
    case BIN_LT: case BIN_LE: case BIN_GT: case BIN_GE:
        if (ca && ca == cb) {
            if (ca == &str_class) {
                Str *x = (Str *)AS_OBJ(a), *y = (Str *)AS_OBJ(b);
                int64_t n = x->len < y->len ? x->len : y->len;
                int c = memcmp(x->data, y->data, (size_t)n);
                if (c == 0) c = x->len < y->len ? -1 : x->len > y->len;
                return cmp_result(op, c < 0 ? -1 : c > 0);
            }
            if (ca == &list_class)
                return seq_compare(I, op, ((List *)AS_OBJ(a))->items, ((List *)AS_OBJ(a))->len,
                                   ((List *)AS_OBJ(b))->items, ((List *)AS_OBJ(b))->len);
            if (ca == &tuple_class)
                return seq_compare(I, op, ((Tuple *)AS_OBJ(a))->items, ((Tuple *)AS_OBJ(a))->len,
                                   ((Tuple *)AS_OBJ(b))->items, ((Tuple *)AS_OBJ(b))->len);
        }
        break;
    default: break;
    }
    return type_error_binop(I, op, a, b);
}

Value val_unop(Interp *I, UnOp op, Value a) {
    if (op == UN_NOT) {
        int t = val_truth(I, a);
        return t < 0 ? VAL_ERR : val_bool(!t);
    }
    switch (a.kind) {
    case V_INT: case V_BOOL: {
        int64_t x = IS_INT(a) ? a.as.i : a.as.b;
        if (op == UN_NEG) { if (x == INT64_MIN) return overflow(I); return val_int(-x); }
        if (op == UN_POS) return val_int(x);
        return val_int(~x);
    }
    case V_FLOAT:
        if (op == UN_NEG) return val_float(-a.as.f);
        if (op == UN_POS) return a;
        break;
    case V_OBJ:
        if (AS_OBJ(a)->cls->unop) {
            Value r = AS_OBJ(a)->cls->unop(I, op, a);
            if (!IS_NOTIMPL(r)) return r;
        }
        break;
    default: break;
    }
    return err_raise(I, EXC_TypeError, "bad operand type for unary %s: '%s'",
                     op == UN_NEG ? "-" : op == UN_POS ? "+" : "~", val_type_name(a));
}

/* ---- containers ---------------------------------------------------------------------- */

Value val_getitem(Interp *I, Value obj, Value key) {
    if (IS_OBJ(obj)) {
        Obj *o = AS_OBJ(obj);
        if (IS_INT(key)) { /* fast path: list[i], tuple[i] */
            int64_t i = key.as.i;
            if (o->cls == &list_class) {
                List *l = (List *)o;
                if (i < 0) i += l->len;
                if (i >= 0 && i < l->len) return val_incref(l->items[i]);
                return err_raise(I, EXC_IndexError, "list index out of range");
            }
            if (o->cls == &tuple_class) {
                Tuple *t = (Tuple *)o;
                if (i < 0) i += t->len;
                if (i >= 0 && i < t->len) return val_incref(t->items[i]);
                return err_raise(I, EXC_IndexError, "tuple index out of range");
            }
        }
        if (o->cls->getitem) return o->cls->getitem(I, obj, key);
    }
    return err_raise(I, EXC_TypeError, "'%s' object is not subscriptable", val_type_name(obj));
}

bool val_setitem(Interp *I, Value obj, Value key, Value v) {
    if (IS_OBJ(obj) && AS_OBJ(obj)->cls->setitem) return AS_OBJ(obj)->cls->setitem(I, obj, key, v);
    err_raise(I, EXC_TypeError, "'%s' object does not support item assignment", val_type_name(obj));
    return false;
}

Value val_iter(Interp *I, Value v) {
    if (IS_OBJ(v) && AS_OBJ(v)->cls->iter) return AS_OBJ(v)->cls->iter(I, v);
    return err_raise(I, EXC_TypeError, "'%s' object is not iterable", val_type_name(v));
}

Value val_next(Interp *I, Value it) {
    if (IS_OBJ(it) && AS_OBJ(it)->cls->next) return AS_OBJ(it)->cls->next(I, it);
    return err_raise(I, EXC_TypeError, "'%s' object is not an iterator", val_type_name(it));
}

int64_t val_len(Interp *I, Value v) {
    if (IS_OBJ(v) && AS_OBJ(v)->cls->len) return AS_OBJ(v)->cls->len(I, v);
    err_raise(I, EXC_TypeError, "object of type '%s' has no len()", val_type_name(v));
    return -1;
}

bool val_iter_contains(Interp *I, Value it, Value item, bool *out) {
    if (IS_ERR(it)) return false;
    *out = false;
    for (;;) {
        Value x = val_next(I, it);
        if (IS_UNDEF(x)) break;
        if (IS_ERR(x)) { val_decref(it); return false; }
        bool eq;
        bool ok = val_eq(I, x, item, &eq);
        val_decref(x);
        if (!ok) { val_decref(it); return false; }
        if (eq) { *out = true; break; }
    }
    val_decref(it);
    return true;
}

bool val_contains(Interp *I, Value container, Value item, bool *out) {
    if (IS_OBJ(container)) {
        const ObjClass *c = AS_OBJ(container)->cls;
        if (c->contains) return c->contains(I, container, item, out);
        if (c->iter) return val_iter_contains(I, c->iter(I, container), item, out);
    }
    err_raise(I, EXC_TypeError, "argument of type '%s' is not iterable", val_type_name(container));
    return false;
}
