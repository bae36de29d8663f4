/* str.c — immutable UTF-8 strings, interning, and the str methods (prefix str_).
 *
 * Indices count code points, as in Python; ASCII strings (len == ncp) take byte fast paths.
 * Case mapping covers ASCII and Latin-1 letters (é -> É); other code points pass through
 * unchanged. Character classes (isalpha, ...) are ASCII, with every non-ASCII code point
 * counted as a letter. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "interp.h"
#include "mem.h"

/* ---- creation, hashing, interning ------------------------------------------------- */

static int64_t count_cp(const char *s, size_t len) {
    int64_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

Str *str_new(Interp *I, const char *s, size_t len) {
    if (len > mem_limit_bytes()) { err_nomem(I); return NULL; }
    Str *r = obj_new(I, &str_class, sizeof(Str) + len + 1);
    if (!r) return NULL;
    r->len = (int64_t)len;
    if (len) memcpy(r->data, s, len);
    r->data[len] = 0;
    r->ncp = count_cp(r->data, len);
    r->hash = 0;
    r->interned = false;
    return r;
}

Str *str_from_cstr(Interp *I, const char *s) { return str_new(I, s, strlen(s)); }

Value val_str(Interp *I, const char *s, size_t len) {
    Str *r = str_new(I, s, len);
    return r ? val_obj(r) : VAL_ERR;
}

static uint64_t hash_bytes(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL; h ^= h >> 33;
    return h ? h : 1;
}

uint64_t str_hash(Str *s) {
    if (!s->hash) s->hash = hash_bytes(s->data, (size_t)s->len);
    return s->hash;
}

bool str_eq(const Str *a, const Str *b) {
    if (a == b) return true;
    if (a->len != b->len) return false;
    if (a->hash && b->hash && a->hash != b->hash) return false;
    return memcmp(a->data, b->data, (size_t)a->len) == 0;
}

Str *str_intern(Interp *I, const char *s, size_t len) {
    if (!I->interned) {
        I->interned = dict_new(I);
        if (!I->interned) return NULL;
    }
    uint64_t h = hash_bytes(s, len);
    Str *found = dict_find_str_key(I->interned, s, len, h);
    if (found) { obj_incref(&found->h); return found; }
    Str *r = str_new(I, s, len);
    if (!r) return NULL;
    r->hash = h;
    /* the table's one reference is the key; the value is None so nothing else is held */
    if (!dict_set(I, I->interned, val_obj(r), VAL_NONE)) { obj_decref(&r->h); return NULL; }
    r->interned = true;
    return r; /* our creation reference goes to the caller; dict_set took the table's */
}

void str_intern_free_all(Interp *I) {
    Dict *d = I->interned;
    if (!d) return;
    I->interned = NULL;
    for (int64_t i = 0; i < d->nentries; i++)
        if (!IS_UNDEF(d->entries[i].key)) ((Str *)AS_OBJ(d->entries[i].key))->interned = false;
    obj_decref(&d->h);
}

/* ---- UTF-8 helpers ---------------------------------------------------------------- */

static int u8len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

/* Decode the code point at s[i] (len bytes total); *n gets its byte length. Invalid bytes
 * decode as themselves. */
static uint32_t u8dec(const char *s, size_t len, size_t i, int *n) {
    unsigned char c = (unsigned char)s[i];
    int l = u8len(c);
    if (i + (size_t)l > len) l = 1;
    *n = l;
    if (l == 1) return c;
    uint32_t cp = c & (0x7F >> l);
    for (int k = 1; k < l; k++) cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
    return cp;
}

/* Byte offset of code point index idx (0 <= idx <= ncp). */
static size_t cp_off(const Str *s, int64_t idx) {
    if (s->len == s->ncp) return (size_t)idx;
    size_t i = 0;
    while (idx > 0 && i < (size_t)s->len) { i += (size_t)u8len((unsigned char)s->data[i]); idx--; }
    return i > (size_t)s->len ? (size_t)s->len : i;
}

/* Code point index of byte offset off. */
static int64_t off_cp(const Str *s, size_t off) {
    if (s->len == s->ncp) return (int64_t)off;
    return count_cp(s->data, off);
}

/* ---- repr / str / format ---------------------------------------------------------- */

static bool str_repr(Interp *I, StrBuf *sb, Value self) {
    Str *s = (Str *)AS_OBJ(self);
    bool sq = memchr(s->data, '\'', (size_t)s->len) != NULL;
    bool dq = memchr(s->data, '"', (size_t)s->len) != NULL;
    char q = (sq && !dq) ? '"' : '\'';
    sb_putc(sb, q);
    size_t len = (size_t)s->len;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s->data[i];
        if (c < 0x80) {
            if (c == (unsigned char)q || c == '\\') { sb_putc(sb, '\\'); sb_putc(sb, (char)c); }
            else if (c == '\n') sb_puts(sb, "\\n");
            else if (c == '\t') sb_puts(sb, "\\t");
            else if (c == '\r') sb_puts(sb, "\\r");
            else if (c < 0x20 || c == 0x7f) sb_printf(sb, "\\x%02x", c);
            else sb_putc(sb, (char)c);
            i++;
            continue;
        }
        int n;
        uint32_t cp = u8dec(s->data, len, i, &n);
        if (n == 1) sb_printf(sb, "\\x%02x", c);   /* stray byte */
        else if (cp < 0xA0 || cp == 0xAD) sb_printf(sb, "\\x%02x", cp);
        else if (cp == 0x2028 || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF)
            sb_printf(sb, "\\u%04x", cp);
        else sb_putn(sb, s->data + i, (size_t)n);
        i += (size_t)n;
    }
    sb_putc(sb, q);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static bool str_str(Interp *I, StrBuf *sb, Value self) {
    Str *s = (Str *)AS_OBJ(self);
    sb_putn(sb, s->data, (size_t)s->len);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

static bool str_format_slot(Interp *I, StrBuf *sb, Value self, const char *spec, size_t n) {
    Str *s = (Str *)AS_OBJ(self);
    return fmt_str_spec(I, sb, s->data, (size_t)s->len, spec, n);
}

/* ---- protocol slots ---------------------------------------------------------------- */

static void str_free(Obj *o) { obj_dealloc(o, sizeof(Str) + (size_t)((Str *)o)->len + 1); }

static int64_t str_len(Interp *I, Value self) { return ((Str *)AS_OBJ(self))->ncp; }

static bool str_hash_slot(Interp *I, Value self, uint64_t *out) {
    *out = str_hash((Str *)AS_OBJ(self));
    return true;
}

static bool str_eq_slot(Interp *I, Value a, Value b, bool *out) {
    *out = str_eq((Str *)AS_OBJ(a), (Str *)AS_OBJ(b));
    return true;
}

static bool str_contains(Interp *I, Value self, Value item, bool *out) {
    if (!IS_A(item, str_class)) {
        err_raise(I, EXC_TypeError, "'in <string>' requires string as left operand, not %s", val_type_name(item));
        return false;
    }
    Str *s = (Str *)AS_OBJ(self), *sub = (Str *)AS_OBJ(item);
    *out = sub->len == 0 || memmem(s->data, (size_t)s->len, sub->data, (size_t)sub->len) != NULL;
    return true;
}

static Value str_getitem(Interp *I, Value self, Value key) {
    Str *s = (Str *)AS_OBJ(self);
    if (IS_INT(key) || IS_BOOL(key)) {
        int64_t i = IS_INT(key) ? key.as.i : key.as.b;
        if (i < 0) i += s->ncp;
        if (i < 0 || i >= s->ncp) return err_raise(I, EXC_IndexError, "string index out of range");
        size_t off = cp_off(s, i);
        return val_str(I, s->data + off, (size_t)u8len((unsigned char)s->data[off]));
    }
    if (IS_A(key, slice_class)) {
        int64_t start, stop, step, count;
        if (!slice_indices(I, (Slice *)AS_OBJ(key), s->ncp, &start, &stop, &step, &count)) return VAL_ERR;
        if (step == 1) {
            size_t a = cp_off(s, start), b = cp_off(s, start + count);
            return val_str(I, s->data + a, b - a);
        }
        StrBuf sb;
        sb_init(&sb);
        if (s->len == s->ncp) {
            for (int64_t k = 0, i = start; k < count; k++, i += step) sb_putc(&sb, s->data[i]);
        } else {
            for (int64_t k = 0, i = start; k < count; k++, i += step) {
                size_t off = cp_off(s, i);
                sb_putn(&sb, s->data + off, (size_t)u8len((unsigned char)s->data[off]));
            }
        }
        return sb_to_str(I, &sb);
    }
    return err_raise(I, EXC_TypeError, "string indices must be integers, not '%s'", val_type_name(key));
}

/* Iterator over code points. */
typedef struct StrIter { Obj h; Str *s; size_t pos; } StrIter;
static void stri_free(Obj *o) { obj_decref(&((StrIter *)o)->s->h); obj_dealloc(o, sizeof(StrIter)); }
static Value stri_next(Interp *I, Value self) {
    StrIter *it = (StrIter *)AS_OBJ(self);
    if (it->pos >= (size_t)it->s->len) return VAL_UNDEF;
    size_t n = (size_t)u8len((unsigned char)it->s->data[it->pos]);
    if (it->pos + n > (size_t)it->s->len) n = 1;
    Value v = val_str(I, it->s->data + it->pos, n);
    it->pos += n;
    return v;
}
static Value stri_iter(Interp *I, Value self) { return val_incref(self); }
static const ObjClass str_iter_class = {
    .name = "str_iterator", .free = stri_free, .next = stri_next, .iter = stri_iter,
};
static Value str_iter(Interp *I, Value self) {
    StrIter *it = obj_new(I, &str_iter_class, sizeof(StrIter));
    if (!it) return VAL_ERR;
    it->s = (Str *)AS_OBJ(self);
    obj_incref(&it->s->h);
    it->pos = 0;
    return val_obj(it);
}

/* ---- methods ------------------------------------------------------------------------ */

#define SELF ((Str *)AS_OBJ(argv[0]))
#define ARGS(fname, np, nreq, ...)                                                              \
    static const char *const names_[] = {__VA_ARGS__};                                          \
    Value a[np];                                                                                \
    if (!nat_args(I, fname, argc - 1, argv + 1, kw, np, names_, nreq, a)) return VAL_ERR

static bool no_args(Interp *I, const char *fname, int argc, const KwArgs *kw) {
    return nat_args(I, fname, argc - 1, NULL, kw, 0, NULL, 0, NULL);
}

static bool is_ws(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f); }
static char up(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }
static char lo(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }
static bool is_alpha_b(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

static Value need_str(Interp *I, Value v, Str **out) {
    if (!IS_A(v, str_class)) return err_raise(I, EXC_TypeError, "must be str, not %s", val_type_name(v));
    *out = (Str *)AS_OBJ(v);
    return VAL_NONE;
}

static Value map_case(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, int mode) {
    if (!no_args(I, fname, argc, kw)) return VAL_ERR;
    Str *s = SELF;
    Str *r = str_new(I, s->data, (size_t)s->len);
    if (!r) return VAL_ERR;
    bool start = true; /* title: at a word start */
    for (int64_t i = 0; i < r->len; i++) {
        char c = r->data[i];
        if ((unsigned char)c == 0xC3 && i + 1 < r->len) {
            /* Latin-1 letters U+00C0..U+00DE / U+00E0..U+00FE map within two-byte UTF-8 */
            unsigned char b = (unsigned char)r->data[i + 1];
            bool isup = b >= 0x80 && b <= 0x9E && b != 0x97, islo = b >= 0xA0 && b <= 0xBE && b != 0xB7;
            bool to_up = false, to_lo = false;
            switch (mode) {
            case 0: to_up = true; break;
            case 1: to_lo = true; break;
            case 2: if (isup || islo) { to_up = start; to_lo = !start; start = false; } else start = true; break;
            case 3: to_up = i == 0; to_lo = i != 0; break;
            case 4: to_up = islo; to_lo = isup; break;
            }
            if (to_up && islo) r->data[i + 1] = (char)(b - 0x20);
            else if (to_lo && isup) r->data[i + 1] = (char)(b + 0x20);
            i++;
            continue;
        }
        switch (mode) {
        case 0: r->data[i] = up(c); break;
        case 1: r->data[i] = lo(c); break;
        case 2: /* title */
            if (is_alpha_b((unsigned char)c)) { r->data[i] = start ? up(c) : lo(c); start = false; }
            else start = true;
            break;
        case 3: r->data[i] = i == 0 ? up(c) : lo(c); break; /* capitalize */
        case 4: r->data[i] = (c >= 'a' && c <= 'z') ? up(c) : lo(c); break; /* swapcase */
        }
    }
    return val_obj(r);
}
static Value m_upper(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.upper", 0); }
static Value m_lower(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.lower", 1); }
static Value m_title(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.title", 2); }
static Value m_capitalize(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.capitalize", 3); }
static Value m_swapcase(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.swapcase", 4); }

/* Is the code point at s[i] one of chars' code points? */
static bool in_chars(const Str *chars, uint32_t cp) {
    for (size_t j = 0; j < (size_t)chars->len;) {
        int n;
        if (u8dec(chars->data, (size_t)chars->len, j, &n) == cp) return true;
        j += (size_t)n;
    }
    return false;
}

static Value do_strip(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, bool left, bool right) {
    ARGS(fname, 1, 0, "chars");
    Str *s = SELF, *chars = NULL;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!IS_A(a[0], str_class))
            return err_raise(I, EXC_TypeError, "%s arg must be None or str", fname);
        chars = (Str *)AS_OBJ(a[0]);
    }
    size_t b = 0, e = (size_t)s->len;
    if (left) {
        while (b < e) {
            int n;
            uint32_t cp = u8dec(s->data, e, b, &n);
            if (chars ? !in_chars(chars, cp) : !(cp < 0x80 && is_ws((unsigned char)cp))) break;
            b += (size_t)n;
        }
    }
    if (right) {
        while (e > b) {
            size_t p = e - 1;
            while (p > b && ((unsigned char)s->data[p] & 0xC0) == 0x80) p--;
            int n;
            uint32_t cp = u8dec(s->data, e, p, &n);
            if (chars ? !in_chars(chars, cp) : !(cp < 0x80 && is_ws((unsigned char)cp))) break;
            e = p;
        }
    }
    if (b == 0 && e == (size_t)s->len) return val_incref(argv[0]);
    return val_str(I, s->data + b, e - b);
}
static Value m_strip(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return do_strip(I, argc, argv, kw, "strip", true, true); }
static Value m_lstrip(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return do_strip(I, argc, argv, kw, "lstrip", true, false); }
static Value m_rstrip(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return do_strip(I, argc, argv, kw, "rstrip", false, true); }

static bool push_str(Interp *I, List *l, const char *s, size_t n) {
    Value v = val_str(I, s, n);
    if (IS_ERR(v)) return false;
    bool ok = list_append(I, l, v);
    val_decref(v);
    return ok;
}

static Value m_split(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("split", 2, 0, "sep", "maxsplit");
    Str *s = SELF, *sep = NULL;
    int64_t maxsplit = -1;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!IS_A(a[0], str_class))
            return err_raise(I, EXC_TypeError, "must be str or None, not %s", val_type_name(a[0]));
        sep = (Str *)AS_OBJ(a[0]);
        if (sep->len == 0) return err_raise(I, EXC_ValueError, "empty separator");
    }
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &maxsplit)) return VAL_ERR;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    const char *p = s->data, *end = s->data + s->len;
    if (!sep) {
        for (;;) {
            while (p < end && is_ws((unsigned char)*p)) p++;
            if (p == end) break;
            if (maxsplit == 0) { /* the rest, trailing whitespace included */
                if (!push_str(I, l, p, (size_t)(end - p))) goto fail;
                break;
            }
            const char *q = p;
            while (q < end && !is_ws((unsigned char)*q)) q++;
            if (!push_str(I, l, p, (size_t)(q - p))) goto fail;
            if (maxsplit > 0) maxsplit--;
            p = q;
        }
    } else {
        for (;;) {
            const char *q = maxsplit == 0 ? NULL : memmem(p, (size_t)(end - p), sep->data, (size_t)sep->len);
            if (!q) { if (!push_str(I, l, p, (size_t)(end - p))) goto fail; break; }
            if (!push_str(I, l, p, (size_t)(q - p))) goto fail;
            p = q + sep->len;
            if (maxsplit > 0) maxsplit--;
        }
    }
    return val_obj(l);
fail:
    obj_decref(&l->h);
    return VAL_ERR;
}

/* rsplit: split from the right; only differs from split when maxsplit limits it */
static Value m_rsplit(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("rsplit", 2, 0, "sep", "maxsplit");
    Str *s = SELF, *sep = NULL;
    int64_t maxsplit = -1;
    if (!IS_UNDEF(a[0]) && !IS_NONE(a[0])) {
        if (!IS_A(a[0], str_class))
            return err_raise(I, EXC_TypeError, "must be str or None, not %s", val_type_name(a[0]));
        sep = (Str *)AS_OBJ(a[0]);
        if (sep->len == 0) return err_raise(I, EXC_ValueError, "empty separator");
    }
    if (!IS_UNDEF(a[1]) && !val_as_index(I, a[1], &maxsplit)) return VAL_ERR;
    if (maxsplit < 0) return m_split(I, argc, argv, kw);
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    const char *begin = s->data, *p = s->data + s->len; /* pieces are pushed last first */
    if (!sep) {
        for (;;) {
            while (p > begin && is_ws((unsigned char)p[-1])) p--;
            if (p == begin) break;
            if (maxsplit == 0) { /* the rest, leading whitespace included */
                if (!push_str(I, l, begin, (size_t)(p - begin))) goto fail;
                break;
            }
            const char *q = p;
            while (q > begin && !is_ws((unsigned char)q[-1])) q--;
            if (!push_str(I, l, q, (size_t)(p - q))) goto fail;
            maxsplit--;
            p = q;
        }
    } else {
        for (;;) {
            const char *q = NULL;
            if (maxsplit > 0)
                for (const char *t = p - sep->len; t >= begin; t--)
                    if (memcmp(t, sep->data, (size_t)sep->len) == 0) { q = t; break; }
            if (!q) { if (!push_str(I, l, begin, (size_t)(p - begin))) goto fail; break; }
            if (!push_str(I, l, q + sep->len, (size_t)(p - q - sep->len))) goto fail;
            p = q;
            maxsplit--;
        }
    }
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        Value t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return val_obj(l);
fail:
    obj_decref(&l->h);
    return VAL_ERR;
}

/* partition / rpartition: (head, sep, tail) around the first / last sep */
static Value partition(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, bool right) {
    ARGS(fname, 1, 1, "sep");
    Str *s = SELF, *sep;
    if (!IS_A(a[0], str_class)) return err_raise(I, EXC_TypeError, "must be str, not %s", val_type_name(a[0]));
    sep = (Str *)AS_OBJ(a[0]);
    if (sep->len == 0) return err_raise(I, EXC_ValueError, "empty separator");
    const char *q = NULL;
    if (!right) q = memmem(s->data, (size_t)s->len, sep->data, (size_t)sep->len);
    else
        for (const char *t = s->data + s->len - sep->len; t >= s->data; t--)
            if (memcmp(t, sep->data, (size_t)sep->len) == 0) { q = t; break; }
    Tuple *r = tuple_new(I, 3);
    if (!r) return VAL_ERR;
    Value parts[3];
    if (!q) {
        parts[right ? 2 : 0] = val_incref(argv[0]);
        parts[1] = val_str(I, "", 0);
        parts[right ? 0 : 2] = val_str(I, "", 0);
    } else {
        parts[0] = val_str(I, s->data, (size_t)(q - s->data));
        parts[1] = val_incref(a[0]);
        parts[2] = val_str(I, q + sep->len, (size_t)(s->data + s->len - q - sep->len));
    }
    bool ok = true;
    for (int i = 0; i < 3; i++) {
        if (IS_ERR(parts[i])) { ok = false; continue; }
        val_decref(r->items[i]);
        r->items[i] = parts[i];
    }
    if (!ok) { obj_decref(&r->h); return VAL_ERR; }
    return val_obj(r);
}
static Value m_partition(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return partition(I, argc, argv, kw, "partition", false); }
static Value m_rpartition(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return partition(I, argc, argv, kw, "rpartition", true); }

/* removeprefix / removesuffix */
static Value remove_affix(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, bool suffix) {
    ARGS(fname, 1, 1, "affix");
    Str *s = SELF, *x;
    if (!IS_A(a[0], str_class))
        return err_raise(I, EXC_TypeError, "%s() argument must be str, not %s", fname, val_type_name(a[0]));
    x = (Str *)AS_OBJ(a[0]);
    if (x->len == 0 || x->len > s->len ||
        memcmp(suffix ? s->data + s->len - x->len : s->data, x->data, (size_t)x->len) != 0)
        return val_incref(argv[0]);
    return val_str(I, suffix ? s->data : s->data + x->len, (size_t)(s->len - x->len));
}
static Value m_removeprefix(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return remove_affix(I, argc, argv, kw, "removeprefix", false); }
static Value m_removesuffix(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return remove_affix(I, argc, argv, kw, "removesuffix", true); }

static Value m_splitlines(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("splitlines", 1, 0, "keepends");
    int keep = 0;
    if (!IS_UNDEF(a[0]) && (keep = val_truth(I, a[0])) < 0) return VAL_ERR;
    Str *s = SELF;
    List *l = list_new(I, 0);
    if (!l) return VAL_ERR;
    const char *p = s->data, *end = s->data + s->len;
    while (p < end) {
        const char *q = p;
        while (q < end && !(*q == '\n' || *q == '\r' || *q == '\v' || *q == '\f' || (*q >= 0x1c && *q <= 0x1e))) q++;
        const char *e = q;
        if (q < end) {
            if (*q == '\r' && q + 1 < end && q[1] == '\n') q += 2;
            else q++;
        }
        if (!push_str(I, l, p, (size_t)((keep ? q : e) - p))) { obj_decref(&l->h); return VAL_ERR; }
        p = q;
    }
    return val_obj(l);
}

static Value m_join(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("join", 1, 1, "iterable");
    Str *s = SELF;
    Value it = val_iter(I, a[0]);
    if (IS_ERR(it)) return VAL_ERR;
    StrBuf sb;
    sb_init(&sb);
    int64_t i = 0;
    for (;; i++) {
        Value x = val_next(I, it);
        if (IS_UNDEF(x)) break;
        if (IS_ERR(x)) goto fail;
        if (!IS_A(x, str_class)) {
            err_raise(I, EXC_TypeError, "sequence item %lld: expected str instance, %s found", (long long)i, val_type_name(x));
            val_decref(x);
            goto fail;
        }
        if (i) sb_putn(&sb, s->data, (size_t)s->len);
        sb_putn(&sb, ((Str *)AS_OBJ(x))->data, (size_t)((Str *)AS_OBJ(x))->len);
        val_decref(x);
    }
    val_decref(it);
    return sb_to_str(I, &sb);
fail:
    val_decref(it);
    sb_free(&sb);
    return VAL_ERR;
}

static Value m_replace(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (argc - 1 < 2 && !kw)
        return err_raise(I, EXC_TypeError, "replace expected at least 2 arguments, got %d", argc - 1);
    ARGS("replace", 3, 2, "old", "new", "count");
    Str *s = SELF, *old = NULL, *new_ = NULL;
    if (IS_ERR(need_str(I, a[0], &old)) || IS_ERR(need_str(I, a[1], &new_))) return VAL_ERR;
    int64_t count = -1;
    if (!IS_UNDEF(a[2]) && !val_as_index(I, a[2], &count)) return VAL_ERR;
    StrBuf sb;
    sb_init(&sb);
    const char *p = s->data, *end = s->data + s->len;
    if (old->len == 0) {
        /* insert `new` before every code point and at the end */
        while (count != 0) {
            sb_putn(&sb, new_->data, (size_t)new_->len);
            if (count > 0) count--;
            if (p == end) break;
            size_t n = (size_t)u8len((unsigned char)*p);
            if (n > (size_t)(end - p)) n = 1;
            sb_putn(&sb, p, n);
            p += n;
        }
        sb_putn(&sb, p, (size_t)(end - p));
        return sb_to_str(I, &sb);
    }
    while (count != 0) {
        const char *q = memmem(p, (size_t)(end - p), old->data, (size_t)old->len);
        if (!q) break;
        sb_putn(&sb, p, (size_t)(q - p));
        sb_putn(&sb, new_->data, (size_t)new_->len);
        p = q + old->len;
        if (count > 0) count--;
    }
    sb_putn(&sb, p, (size_t)(end - p));
    return sb_to_str(I, &sb);
}

/* start/end arguments (code points, slice-clamped) to a byte range of s. */
static bool sub_range(Interp *I, Str *s, Value vs, Value ve, size_t *b, size_t *e, bool *empty) {
    int64_t st = 0, en = s->ncp;
    if (!IS_UNDEF(vs) && !IS_NONE(vs) && !val_as_index(I, vs, &st)) return false;
    if (!IS_UNDEF(ve) && !IS_NONE(ve) && !val_as_index(I, ve, &en)) return false;
    if (st < 0) { st += s->ncp; if (st < 0) st = 0; }
    if (en < 0) { en += s->ncp; if (en < 0) en = 0; }
    if (en > s->ncp) en = s->ncp;
    *empty = st > s->ncp || st > en;  /* Python: start past the end finds nothing, not even '' */
    if (st > en) st = en;
    *b = cp_off(s, st);
    *e = cp_off(s, en);
    return true;
}

static Value affix(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, bool suffix) {
    ARGS(fname, 3, 1, "prefix", "start", "end");
    Str *s = SELF;
    size_t b, e;
    bool empty;
    if (!sub_range(I, s, a[1], a[2], &b, &e, &empty)) return VAL_ERR;
    int64_t n = 1;
    const Value *items = &a[0];
    if (IS_A(a[0], tuple_class)) { n = ((Tuple *)AS_OBJ(a[0]))->len; items = ((Tuple *)AS_OBJ(a[0]))->items; }
    for (int64_t k = 0; k < n; k++) {
        if (!IS_A(items[k], str_class)) {
            if (items == &a[0])
                return err_raise(I, EXC_TypeError, "%s first arg must be str or a tuple of str, not %s", fname, val_type_name(a[0]));
            return err_raise(I, EXC_TypeError, "tuple for %s must only contain str, not %s", fname, val_type_name(items[k]));
        }
        if (empty) continue;
        Str *p = (Str *)AS_OBJ(items[k]);
        if ((size_t)p->len > e - b) continue;
        const char *at = suffix ? s->data + e - p->len : s->data + b;
        if (memcmp(at, p->data, (size_t)p->len) == 0) return val_bool(true);
    }
    return val_bool(false);
}
static Value m_startswith(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return affix(I, argc, argv, kw, "startswith", false); }
static Value m_endswith(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return affix(I, argc, argv, kw, "endswith", true); }

/* find / rfind / index / rindex / count */
static Value search(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, int mode) {
    ARGS(fname, 3, 1, "sub", "start", "end");
    Str *s = SELF, *sub = NULL;
    if (IS_ERR(need_str(I, a[0], &sub))) return VAL_ERR;
    size_t b, e;
    bool empty;
    if (!sub_range(I, s, a[1], a[2], &b, &e, &empty)) return VAL_ERR;
    if (mode == 4) { /* count */
        if (empty) return val_int(0);
        if (sub->len == 0) return val_int(off_cp(s, e) - off_cp(s, b) + 1);
        int64_t c = 0;
        const char *p = s->data + b, *end = s->data + e;
        const char *q;
        while ((q = memmem(p, (size_t)(end - p), sub->data, (size_t)sub->len))) { c++; p = q + sub->len; }
        return val_int(c);
    }
    const char *found = NULL;
    if (!empty && (size_t)sub->len <= e - b) {
        if (mode & 1) { /* reverse */
            for (const char *p = s->data + e - sub->len; p >= s->data + b; p--)
                if (memcmp(p, sub->data, (size_t)sub->len) == 0) { found = p; break; }
        } else
            found = memmem(s->data + b, e - b, sub->data, (size_t)sub->len);
        if (sub->len == 0 && !found) found = s->data + b;
    }
    if (!found) {
        if (mode & 2) return err_raise(I, EXC_ValueError, "substring not found");
        return val_int(-1);
    }
    return val_int(off_cp(s, (size_t)(found - s->data)));
}
static Value m_find(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return search(I, argc, argv, kw, "find", 0); }
static Value m_rfind(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return search(I, argc, argv, kw, "rfind", 1); }
static Value m_index(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return search(I, argc, argv, kw, "index", 2); }
static Value m_rindex(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return search(I, argc, argv, kw, "rindex", 3); }
static Value m_count(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return search(I, argc, argv, kw, "count", 4); }

static Value classify(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, int mode) {
    if (!no_args(I, fname, argc, kw)) return VAL_ERR;
    Str *s = SELF;
    if (s->len == 0) return val_bool(mode == 6);
    bool cased = false, prev_cased = false;
    for (int64_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        bool ok = true;
        switch (mode) {
        case 6: ok = c < 0x80; break; /* isascii */
        case 7: ok = c == '_' || c >= 0x80 || is_alpha_b(c) || (i > 0 && c >= '0' && c <= '9'); break; /* isidentifier */
        case 8: /* istitle: uppercase only after uncased, lowercase only after cased */
            if (c >= 'A' && c <= 'Z') { if (prev_cased) return val_bool(false); prev_cased = cased = true; }
            else if (c >= 'a' && c <= 'z') { if (!prev_cased) return val_bool(false); prev_cased = cased = true; }
            else prev_cased = false;
            break;
        case 0: ok = c >= '0' && c <= '9'; break;                 /* isdigit */
        case 1: ok = is_alpha_b(c); break;                        /* isalpha */
        case 2: ok = is_alpha_b(c) || (c >= '0' && c <= '9'); break; /* isalnum */
        case 3: ok = is_ws(c); break;                             /* isspace */
        case 4: if (c >= 'A' && c <= 'Z') return val_bool(false); if (c >= 'a' && c <= 'z') cased = true; break; /* islower */
        case 5: if (c >= 'a' && c <= 'z') return val_bool(false); if (c >= 'A' && c <= 'Z') cased = true; break; /* isupper */
        }
        if (!ok) return val_bool(false);
    }
    return val_bool(mode >= 4 && mode != 6 && mode != 7 ? cased : true);
}
static Value m_isascii(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isascii", 6); }
static Value m_isidentifier(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isidentifier", 7); }
static Value m_istitle(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.istitle", 8); }
static Value m_casefold(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return map_case(I, argc, argv, kw, "str.casefold", 1); }

static Value m_expandtabs(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("expandtabs", 1, 0, "tabsize");
    Str *s = SELF;
    int64_t ts = 8;
    if (!IS_UNDEF(a[0]) && !val_as_index(I, a[0], &ts)) return VAL_ERR;
    StrBuf sb;
    sb_init(&sb);
    int64_t col = 0;
    for (int64_t i = 0; i < s->len && !sb.oom; i++) {
        unsigned char c = (unsigned char)s->data[i];
        if (c == '\t') {
            if (ts > 0) {
                int64_t n = ts - col % ts;
                for (int64_t k = 0; k < n; k++) sb_putc(&sb, ' ');
                col += n;
            }
        } else {
            sb_putc(&sb, (char)c);
            if (c == '\n' || c == '\r') col = 0;
            else if ((c & 0xC0) != 0x80) col++; /* count code points, not UTF-8 continuation bytes */
        }
    }
    return sb_to_str(I, &sb);
}
static Value m_isdigit(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isdigit", 0); }
static Value m_isalpha(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isalpha", 1); }
static Value m_isalnum(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isalnum", 2); }
static Value m_isspace(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isspace", 3); }
static Value m_islower(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.islower", 4); }
static Value m_isupper(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return classify(I, argc, argv, kw, "str.isupper", 5); }

/* center / ljust / rjust */
static Value justify(Interp *I, int argc, const Value *argv, const KwArgs *kw, const char *fname, char how) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "str.%s() takes no keyword arguments", fname);
    if (!nat_positional(I, fname, argc - 1, kw, 1, 2)) return VAL_ERR;
    ARGS(fname, 2, 1, "width", "fillchar");
    Str *s = SELF;
    int64_t width;
    if (!val_as_index(I, a[0], &width)) return VAL_ERR;
    const char *fill = " ";
    size_t fl = 1;
    if (!IS_UNDEF(a[1])) {
        if (!IS_A(a[1], str_class))
            return err_raise(I, EXC_TypeError, "%s() argument 2 must be str, not %s", fname, val_type_name(a[1]));
        Str *f = (Str *)AS_OBJ(a[1]);
        if (f->ncp != 1) return err_raise(I, EXC_TypeError, "The fill character must be exactly one character long");
        fill = f->data;
        fl = (size_t)f->len;
    }
    if (width <= s->ncp) return val_incref(argv[0]);
    int64_t marg = width - s->ncp, left;
    if (how == '^') left = marg / 2 + (marg & width & 1);
    else if (how == '<') left = 0;
    else left = marg;
    StrBuf sb;
    sb_init(&sb);
    for (int64_t i = 0; i < left && !sb.oom; i++) sb_putn(&sb, fill, fl);
    sb_putn(&sb, s->data, (size_t)s->len);
    for (int64_t i = 0; i < marg - left && !sb.oom; i++) sb_putn(&sb, fill, fl);
    return sb_to_str(I, &sb);
}
static Value m_center(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return justify(I, argc, argv, kw, "center", '^'); }
static Value m_ljust(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return justify(I, argc, argv, kw, "ljust", '<'); }
static Value m_rjust(Interp *I, int argc, const Value *argv, const KwArgs *kw) { return justify(I, argc, argv, kw, "rjust", '>'); }

static Value m_zfill(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    ARGS("zfill", 1, 1, "width");
    Str *s = SELF;
    int64_t width;
    if (!val_as_index(I, a[0], &width)) return VAL_ERR;
    if (width <= s->ncp) return val_incref(argv[0]);
    StrBuf sb;
    sb_init(&sb);
    size_t i = 0;
    if (s->len && (s->data[0] == '+' || s->data[0] == '-')) { sb_putc(&sb, s->data[0]); i = 1; }
    for (int64_t k = 0; k < width - s->ncp && !sb.oom; k++) sb_putc(&sb, '0');
    sb_putn(&sb, s->data + i, (size_t)s->len - i);
    return sb_to_str(I, &sb);
}

/* ---- str.format ------------------------------------------------------------------- */

typedef struct FmtCtx {
    int argc;
    const Value *argv;   /* positional args (self excluded) */
    const KwArgs *kw;
    int auto_idx;        /* -1: manual numbering in use; >= 0 next automatic index */
    bool manual;
    Value map;           /* format_map(mapping): where names are looked up; V_UNDEF for format() */
} FmtCtx;

static bool fmt_err(Interp *I, const char *msg) {
    err_raise(I, EXC_ValueError, "%s", msg);
    return false;
}

static bool format_into(Interp *I, StrBuf *sb, const char *p, const char *end, FmtCtx *c, int depth);

/* Resolve one field name ("", "0", "name", followed by [key] parts) to a new reference. */
static Value field_value(Interp *I, const char *p, const char *end, FmtCtx *c) {
    const char *q = p;
    while (q < end && *q != '[' && *q != '.') q++;
    Value v;
    bool digits = true;
    for (const char *r = p; r < q; r++) if (*r < '0' || *r > '9') digits = false;
    if (!IS_UNDEF(c->map) && digits) { fmt_err(I, "Format string contains positional fields"); return VAL_ERR; }
    if (!IS_UNDEF(c->map)) {
        Value key = val_str(I, p, (size_t)(q - p));
        if (IS_ERR(key)) return VAL_ERR;
        v = val_getitem(I, c->map, key);
        val_decref(key);
        if (IS_ERR(v)) return v;
    } else if (q == p) {
        if (c->manual) { fmt_err(I, "cannot switch from manual field specification to automatic field numbering"); return VAL_ERR; }
        int idx = c->auto_idx++;
        if (idx >= c->argc)
            return err_raise(I, EXC_IndexError, "Replacement index %d out of range for positional args tuple", idx);
        v = val_incref(c->argv[idx]);
    } else {
        if (digits) {
            if (c->auto_idx > 0) { fmt_err(I, "cannot switch from automatic field numbering to manual field specification"); return VAL_ERR; }
            c->manual = true;
            int64_t idx = 0;
            for (const char *r = p; r < q && idx < 1000000000; r++) idx = idx * 10 + (*r - '0');
            if (idx >= c->argc)
                return err_raise(I, EXC_IndexError, "Replacement index %lld out of range for positional args tuple", (long long)idx);
            v = val_incref(c->argv[idx]);
        } else {
            v = VAL_UNDEF;
            for (int k = 0; c->kw && k < c->kw->n; k++) {
                Str *nm = c->kw->names[k];
                if ((size_t)nm->len == (size_t)(q - p) && memcmp(nm->data, p, (size_t)(q - p)) == 0) {
                    v = val_incref(c->kw->vals[k]);
                    break;
                }
            }
            if (IS_UNDEF(v)) {
                Value key = val_str(I, p, (size_t)(q - p));
                if (IS_ERR(key)) return VAL_ERR;
                exc_raise_key(I, key);
                val_decref(key);
                return VAL_ERR;
            }
        }
    }
    while (q < end) {
        if (*q == '.') {
            val_decref(v);
            return err_raise(I, EXC_ValueError, "attribute access in format fields is not supported in ag");
        }
        const char *k = q + 1, *ke = k;
        while (ke < end && *ke != ']') ke++;
        if (ke >= end) { val_decref(v); fmt_err(I, "Missing ']' in format string"); return VAL_ERR; }
        bool digits = ke > k;
        for (const char *r = k; r < ke; r++) if (*r < '0' || *r > '9') digits = false;
        Value key;
        if (digits) {
            int64_t n = 0;
            for (const char *r = k; r < ke && n < ((int64_t)1 << 50); r++) n = n * 10 + (*r - '0');
            key = val_int(n);
        } else {
            key = val_str(I, k, (size_t)(ke - k));
            if (IS_ERR(key)) { val_decref(v); return VAL_ERR; }
        }
        Value nv = val_getitem(I, v, key);
        val_decref(key);
        val_decref(v);
        if (IS_ERR(nv)) return VAL_ERR;
        v = nv;
        q = ke + 1;
    }
    return v;
}

static bool format_into(Interp *I, StrBuf *sb, const char *p, const char *end, FmtCtx *c, int depth) {
    while (p < end) {
        const char *q = p;
        while (q < end && *q != '{' && *q != '}') q++;
        sb_putn(sb, p, (size_t)(q - p));
        if (q == end) break;
        if (*q == '}') {
            if (q + 1 < end && q[1] == '}') { sb_putc(sb, '}'); p = q + 2; continue; }
            return fmt_err(I, "Single '}' encountered in format string");
        }
        if (q + 1 < end && q[1] == '{') { sb_putc(sb, '{'); p = q + 2; continue; }
        if (q + 1 == end) return fmt_err(I, "Single '{' encountered in format string");
        /* a replacement field: find its matching '}' (nested braces inside the spec) */
        const char *f = q + 1, *r = f;
        int level = 1;
        const char *conv = NULL, *colon = NULL;
        bool in_index = false;
        while (r < end) {
            if (*r == '[' && !colon) in_index = true;
            else if (*r == ']' && !colon) in_index = false;
            else if (!in_index) {
                if (*r == '{') level++;
                else if (*r == '}') { if (--level == 0) break; }
                else if (*r == '!' && !colon && !conv && level == 1) conv = r;
                else if (*r == ':' && !colon && level == 1) colon = r;
            }
            r++;
        }
        if (r >= end) {
            if (colon || conv) return fmt_err(I, "unmatched '{' in format spec");
            return fmt_err(I, "expected '}' before end of string");
        }
        if (depth > 1) return fmt_err(I, "Max string recursion exceeded");
        const char *name_end = conv ? conv : colon ? colon : r;
        char cv = 0;
        if (conv) {
            const char *ce = colon ? colon : r;
            if (ce - conv != 2) {
                if (ce - conv < 2) return fmt_err(I, "unmatched '{' in format spec");
                return fmt_err(I, "expected ':' after conversion specifier");
            }
            cv = conv[1];
            if (cv != 'r' && cv != 's' && cv != 'a') {
                err_raise(I, EXC_ValueError, "Unknown conversion specifier %c", cv);
                return false;
            }
        }
        Value v = field_value(I, f, name_end, c);
        if (IS_ERR(v)) return false;
        if (cv) {
            Value nv;
            if (cv == 'a') {
                StrBuf ab;
                sb_init(&ab);
                nv = val_ascii(I, &ab, v) ? sb_to_str(I, &ab) : (sb_free(&ab), VAL_ERR);
            } else {
                nv = cv == 's' ? val_to_str(I, v) : val_to_repr(I, v);
            }
            val_decref(v);
            if (IS_ERR(nv)) return false;
            v = nv;
        }
        bool ok;
        if (colon) {
            StrBuf spec;
            sb_init(&spec);
            ok = format_into(I, &spec, colon + 1, r, c, depth + 1);
            if (ok && spec.oom) { err_nomem(I); ok = false; }
            if (ok) ok = val_format(I, sb, v, spec.data ? spec.data : "", spec.len);
            sb_free(&spec);
        } else
            ok = val_format(I, sb, v, "", 0);
        val_decref(v);
        if (!ok) return false;
        p = r + 1;
    }
    return true;
}

static Value m_format(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Str *s = SELF;
    FmtCtx c = {argc - 1, argv + 1, kw, 0, false, VAL_UNDEF};
    StrBuf sb;
    sb_init(&sb);
    if (!format_into(I, &sb, s->data, s->data + s->len, &c, 0)) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}

/* str.format_map(mapping): format() with every field name looked up in the mapping. */
static Value m_format_map(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    if (kw && kw->n) return err_raise(I, EXC_TypeError, "str.format_map() takes no keyword arguments");
    if (argc != 2) return err_raise(I, EXC_TypeError, "str.format_map() takes exactly one argument (%d given)", argc - 1);
    Str *s = SELF;
    FmtCtx c = {0, NULL, NULL, 0, false, argv[1]};
    StrBuf sb;
    sb_init(&sb);
    if (!format_into(I, &sb, s->data, s->data + s->len, &c, 0)) { sb_free(&sb); return VAL_ERR; }
    return sb_to_str(I, &sb);
}

/* ---- printf-style formatting: "%d items" % n ---------------------------------------
 * Each conversion %[flags][width][.precision]type is rewritten as a format spec and handed
 * to the format-spec code, so the digits are the same as format()'s. No %(name)s mapping keys. */
static bool percent_one(Interp *I, StrBuf *sb, Value v, char type, const char *flags, int64_t width, int64_t prec) {
    bool left = strchr(flags, '-') != NULL, zero = strchr(flags, '0') != NULL && !left;
    char spec[96];
    int n = 0;
    if (type == 's' || type == 'r' || type == 'a') {
        StrBuf t;
        sb_init(&t);
        if (!(type == 's' ? val_str_into(I, &t, v) : type == 'a' ? val_ascii(I, &t, v) : val_repr(I, &t, v))) { sb_free(&t); return false; }
        if (t.oom) { sb_free(&t); err_nomem(I); return false; }
        n = snprintf(spec, sizeof spec, "%c", left ? '<' : '>');
        if (width >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, "%lld", (long long)width);
        if (prec >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, ".%lld", (long long)prec);
        bool ok = fmt_str_spec(I, sb, t.data ? t.data : "", t.len, spec, (size_t)n);
        sb_free(&t);
        return ok;
    }
    if (type == 'c') {
        char buf[8];
        size_t len;
        if (IS_A(v, str_class) && ((Str *)AS_OBJ(v))->ncp == 1) {
            len = (size_t)((Str *)AS_OBJ(v))->len;
            memcpy(buf, ((Str *)AS_OBJ(v))->data, len);
        } else if (IS_INT(v) || IS_BOOL(v)) {
            int64_t c = IS_INT(v) ? v.as.i : v.as.b;
            if (c < 0 || c > 0x10FFFF) { err_raise(I, EXC_OverflowError, "%%c arg not in range(0x110000)"); return false; }
            if (c < 0x80) { buf[0] = (char)c; len = 1; }
            else if (c < 0x800) { buf[0] = (char)(0xC0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3F)); len = 2; }
            else if (c < 0x10000) { buf[0] = (char)(0xE0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[2] = (char)(0x80 | (c & 0x3F)); len = 3; }
            else { buf[0] = (char)(0xF0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3F)); buf[2] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[3] = (char)(0x80 | (c & 0x3F)); len = 4; }
        } else {
            err_raise(I, EXC_TypeError, "%%c requires int or char");
            return false;
        }
        n = snprintf(spec, sizeof spec, "%c", left ? '<' : '>');
        if (width >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, "%lld", (long long)width);
        return fmt_str_spec(I, sb, buf, len, spec, (size_t)n);
    }
    /* numbers: right-aligned by default; the 0 flag pads after the sign, as format()'s 0 does */
    if (left) spec[n++] = '<';
    if (strchr(flags, '+')) spec[n++] = '+';
    else if (strchr(flags, ' ')) spec[n++] = ' ';
    bool alt = strchr(flags, '#') != NULL;
    if (alt && type != 'd' && type != 'i' && type != 'u') spec[n++] = '#';
    if (zero) spec[n++] = '0';
    if (width >= 0) n += snprintf(spec + n, sizeof spec - (size_t)n, "%lld", (long long)width);
    if (type == 'd' || type == 'i' || type == 'u' || type == 'x' || type == 'X' || type == 'o') {
        int64_t x;
        if (IS_INT(v) || IS_BOOL(v)) x = IS_INT(v) ? v.as.i : v.as.b;
        else if (IS_FLOAT(v) && (type == 'd' || type == 'i' || type == 'u')) {
            double d = v.as.f;
            if (isnan(d)) { err_raise(I, EXC_ValueError, "cannot convert float NaN to integer"); return false; }
            if (isinf(d)) { err_raise(I, EXC_OverflowError, "cannot convert float infinity to integer"); return false; }
            if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
                err_raise(I, EXC_OverflowError, "int too large to convert to 64-bit integer");
                return false;
            }
            x = (int64_t)d;
        } else if (IS_OBJ(v) && AS_OBJ(v)->cls->to_int && (type == 'd' || type == 'i' || type == 'u')) {
            Value r = AS_OBJ(v)->cls->to_int(I, v);
            if (IS_ERR(r)) return false;
            x = IS_INT(r) ? r.as.i : 0;
        } else {
            if (type == 'd' || type == 'i' || type == 'u')
                err_raise(I, EXC_TypeError, "%%%c format: a real number is required, not %s", type, val_type_name(v));
            else
                err_raise(I, EXC_TypeError, "%%%c format: an integer is required, not %s", type, val_type_name(v));
            return false;
        }
        /* %.3d pads the digits with zeros to the precision */
        if (prec > 0 && width < 0 && x >= 0 && !strchr(flags, '+') && !strchr(flags, ' ') && !alt) {
            n = snprintf(spec, sizeof spec, "0%lld", (long long)prec);
        } else if (prec > 0 && x != INT64_MIN) {
            StrBuf t;
            sb_init(&t);
            char s2[32];
            int m = snprintf(s2, sizeof s2, "0%lld%c", (long long)prec, (type == 'd' || type == 'i' || type == 'u') ? 'd' : type);
            bool neg = x < 0;
            if (!fmt_int_spec(I, &t, neg ? -x : x, s2, (size_t)m)) { sb_free(&t); return false; }
            StrBuf u;
            sb_init(&u);
            if (neg) sb_putc(&u, '-');
            else if (strchr(flags, '+')) sb_putc(&u, '+');
            else if (strchr(flags, ' ')) sb_putc(&u, ' ');
            if (alt && type != 'd' && type != 'i' && type != 'u') sb_puts(&u, type == 'o' ? "0o" : type == 'x' ? "0x" : "0X");
            sb_putn(&u, t.data ? t.data : "", t.len);
            sb_free(&t);
            if (u.oom) { sb_free(&u); err_nomem(I); return false; }
            m = snprintf(s2, sizeof s2, "%c", left ? '<' : '>');
            if (width >= 0) m += snprintf(s2 + m, sizeof s2 - (size_t)m, "%lld", (long long)width);
            bool ok = fmt_str_spec(I, sb, u.data ? u.data : "", u.len, s2, (size_t)m);
            sb_free(&u);
            return ok;
        }
        spec[n++] = (type == 'd' || type == 'i' || type == 'u') ? 'd' : type;
        return fmt_int_spec(I, sb, x, spec, (size_t)n);
    }
    double d;
    if (IS_FLOAT(v)) d = v.as.f;
    else if (IS_INT(v)) d = (double)v.as.i;
    else if (IS_BOOL(v)) d = v.as.b;
    else if (IS_OBJ(v) && AS_OBJ(v)->cls->to_float) {
        Value r = AS_OBJ(v)->cls->to_float(I, v);
        if (IS_ERR(r)) return false;
        d = IS_FLOAT(r) ? r.as.f : 0.0;
    } else {
        err_raise(I, EXC_TypeError, "must be real number, not %s", val_type_name(v));
        return false;
    }
    n += snprintf(spec + n, sizeof spec - (size_t)n, ".%lld%c", (long long)(prec >= 0 ? prec : 6), type);
    return fmt_float_spec(I, sb, d, spec, (size_t)n);
}

Value str_percent(Interp *I, Value fmt, Value args) {
    Str *f = (Str *)AS_OBJ(fmt);
    const Value *items = &args;
    int64_t nitems = 1, next = 0;
    if (IS_A(args, tuple_class)) { items = ((Tuple *)AS_OBJ(args))->items; nitems = ((Tuple *)AS_OBJ(args))->len; }
    StrBuf sb;
    sb_init(&sb);
    const char *p = f->data, *end = f->data + f->len;
    Value mapped = VAL_UNDEF; /* %(name)s: the value args[name], a new reference */
    while (p < end) {
        const char *q = memchr(p, '%', (size_t)(end - p));
        if (!q) { sb_putn(&sb, p, (size_t)(end - p)); break; }
        sb_putn(&sb, p, (size_t)(q - p));
        const char *start = q++;
        mapped = VAL_UNDEF;
        if (q < end && *q == '(') {
            const char *k = ++q;
            int depth = 1;
            while (q < end && (depth += (*q == '(') - (*q == ')')) > 0) q++;
            if (q >= end) { err_raise(I, EXC_ValueError, "incomplete format key"); goto fail; }
            if (!IS_A(args, dict_class)) { err_raise(I, EXC_TypeError, "format requires a mapping"); goto fail; }
            Value key = val_str(I, k, (size_t)(q++ - k));
            if (IS_ERR(key)) goto fail;
            mapped = val_getitem(I, args, key); /* a new reference; KeyError when absent */
            val_decref(key);
            if (IS_ERR(mapped)) goto fail;
            nitems = 0; /* a mapping is consumed as a whole */
        }
        char flags[8];
        int nf = 0;
        while (q < end && strchr("-+ #0", *q)) { if (nf < 7) flags[nf++] = *q; q++; }
        flags[nf] = 0;
        int64_t width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            int64_t *dst = part == 0 ? &width : &prec;
            if (part == 1) {
                if (q < end && *q == '.') { q++; prec = 0; }
                else break;
            }
            if (q < end && *q == '*') {
                q++;
                if (next >= nitems) { err_raise(I, EXC_TypeError, "not enough arguments for format string"); goto fail; }
                if (!IS_INT(items[next])) { err_raise(I, EXC_TypeError, "* wants int"); goto fail; }
                *dst = items[next++].as.i;
                if (part == 0 && *dst < 0) { *dst = -*dst; flags[nf < 7 ? nf++ : nf] = '-'; flags[nf] = 0; }
                if (*dst < 0) *dst = 0;
            } else
                while (q < end && *q >= '0' && *q <= '9') {
                    if (*dst < 0) *dst = 0;
                    if (*dst > 100000000) { err_raise(I, EXC_ValueError, "width too big"); goto fail; }
                    *dst = *dst * 10 + (*q++ - '0');
                }
        }
        if (q >= end) { err_raise(I, EXC_ValueError, "incomplete format"); goto fail; }
        char type = *q++;
        if (type == '%' && q - start == 2) { sb_putc(&sb, '%'); p = q; continue; }
        if (!strchr("diuoxXeEfFgGcrsa%", type)) {
            unsigned char c = (unsigned char)type;
            err_raise(I, EXC_ValueError, "unsupported format character '%c' (0x%x) at index %lld", c >= 32 && c < 127 ? type : '?',
                      c, (long long)count_cp(f->data, (size_t)(q - 1 - f->data)));
            goto fail;
        }
        if (type == '%') { val_decref(mapped); sb_putc(&sb, '%'); p = q; continue; }
        if (!IS_UNDEF(mapped)) {
            bool ok = percent_one(I, &sb, mapped, type, flags, width, prec);
            val_decref(mapped);
            mapped = VAL_UNDEF;
            if (!ok) goto fail;
            p = q;
            continue;
        }
        if (next >= nitems) { err_raise(I, EXC_TypeError, "not enough arguments for format string"); goto fail; }
        if (!percent_one(I, &sb, items[next++], type, flags, width, prec)) goto fail;
        p = q;
    }
    /* a mapping (or list: CPython's PyMapping_Check) need not be used up */
    if (next < nitems && !IS_A(args, dict_class) && !IS_A(args, list_class)) {
        err_raise(I, EXC_TypeError, "not all arguments converted during string formatting");
        goto fail;
    }
    return sb_to_str(I, &sb);
fail:
    if (!IS_ERR(mapped)) val_decref(mapped);
    sb_free(&sb);
    return VAL_ERR;
}

static const MethodDef str_methods[] = {
    {"upper", m_upper, "upper()", "Return a copy with letters converted to uppercase."},
    {"lower", m_lower, "lower()", "Return a copy with letters converted to lowercase."},
    {"title", m_title, "title()", "Return a copy where each word starts with an uppercase letter."},
    {"capitalize", m_capitalize, "capitalize()", "Return a copy with the first letter uppercase and the rest lowercase."},
    {"swapcase", m_swapcase, "swapcase()", "Return a copy with uppercase and lowercase letters swapped."},
    {"strip", m_strip, "strip(chars=None)", "Return a copy without leading and trailing whitespace (or chars)."},
    {"lstrip", m_lstrip, "lstrip(chars=None)", "Return a copy without leading whitespace (or chars)."},
    {"rstrip", m_rstrip, "rstrip(chars=None)", "Return a copy without trailing whitespace (or chars)."},
    {"split", m_split, "split(sep=None, maxsplit=-1)", "Return a list of the words, split at sep (default: runs of whitespace)."},
    {"rsplit", m_rsplit, "rsplit(sep=None, maxsplit=-1)", "Like split(), but with maxsplit the splits are made from the right."},
    {"partition", m_partition, "partition(sep)", "Return (head, sep, tail) split at the first sep, or (s, '', '')."},
    {"rpartition", m_rpartition, "rpartition(sep)", "Return (head, sep, tail) split at the last sep, or ('', '', s)."},
    {"removeprefix", m_removeprefix, "removeprefix(prefix)", "Return a copy without prefix at the start, if it is there."},
    {"removesuffix", m_removesuffix, "removesuffix(suffix)", "Return a copy without suffix at the end, if it is there."},
    {"splitlines", m_splitlines, "splitlines(keepends=False)", "Return a list of the lines, split at line boundaries."},
    {"join", m_join, "join(iterable)", "Concatenate the strings of iterable with this string between them."},
    {"replace", m_replace, "replace(old, new, count=-1)", "Return a copy with occurrences of old replaced by new."},
    {"startswith", m_startswith, "startswith(prefix, start=None, end=None)", "Return True if the string starts with prefix (a str or tuple of str)."},
    {"endswith", m_endswith, "endswith(suffix, start=None, end=None)", "Return True if the string ends with suffix (a str or tuple of str)."},
    {"find", m_find, "find(sub, start=None, end=None)", "Return the lowest index where sub is found, or -1."},
    {"rfind", m_rfind, "rfind(sub, start=None, end=None)", "Return the highest index where sub is found, or -1."},
    {"index", m_index, "index(sub, start=None, end=None)", "Like find() but raise ValueError when sub is not found."},
    {"rindex", m_rindex, "rindex(sub, start=None, end=None)", "Like rfind() but raise ValueError when sub is not found."},
    {"count", m_count, "count(sub, start=None, end=None)", "Return the number of non-overlapping occurrences of sub."},
    {"format", m_format, "format(*args, **kwargs)", "Return the string with {} fields replaced by formatted arguments."},
    {"format_map", m_format_map, "format_map(mapping)", "Like format(**mapping): fields named by keys of the mapping."},
    {"isascii", m_isascii, "isascii()", "Return True if all characters are ASCII (True when empty)."},
    {"isidentifier", m_isidentifier, "isidentifier()", "Return True if the string is a valid identifier."},
    {"istitle", m_istitle, "istitle()", "Return True if the string is titlecased and has a cased character."},
    {"casefold", m_casefold, "casefold()", "Return a version of the string suitable for caseless comparison."},
    {"expandtabs", m_expandtabs, "expandtabs(tabsize=8)", "Return a copy where tabs are replaced by spaces up to the next tab stop."},
    {"isdigit", m_isdigit, "isdigit()", "Return True if all characters are digits and there is at least one."},
    {"isnumeric", m_isdigit, "isnumeric()", "Like isdigit() (ag strings: ASCII digits)."},
    {"isdecimal", m_isdigit, "isdecimal()", "Like isdigit() (ag strings: ASCII digits)."},
    {"isalpha", m_isalpha, "isalpha()", "Return True if all characters are letters and there is at least one."},
    {"isalnum", m_isalnum, "isalnum()", "Return True if all characters are letters or digits and there is at least one."},
    {"isspace", m_isspace, "isspace()", "Return True if all characters are whitespace and there is at least one."},
    {"islower", m_islower, "islower()", "Return True if all cased characters are lowercase and there is at least one."},
    {"isupper", m_isupper, "isupper()", "Return True if all cased characters are uppercase and there is at least one."},
    {"center", m_center, "center(width, fillchar=' ')", "Return the string centered in a string of length width."},
    {"ljust", m_ljust, "ljust(width, fillchar=' ')", "Return the string left-justified in a string of length width."},
    {"rjust", m_rjust, "rjust(width, fillchar=' ')", "Return the string right-justified in a string of length width."},
    {"zfill", m_zfill, "zfill(width)", "Pad a numeric string with zeros on the left, after any sign."},
    {NULL, NULL, NULL, NULL},
};

const ObjClass str_class = {
    .name = "str",
    .free = str_free,
    .repr = str_repr,
    .str = str_str,
    .format = str_format_slot,
    .getitem = str_getitem,
    .iter = str_iter,
    .len = str_len,
    .contains = str_contains,
    .eq = str_eq_slot,
    .hash = str_hash_slot,
    .methods = str_methods,
};
