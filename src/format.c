/* format.c — number formatting exactly as Python 3.11 does it (prefix fmt_).
 *
 * Digits come from glibc's printf, which rounds correctly (round-half-even on the exact
 * binary value), so '%.*e' / '%.*f' give the same digits as CPython's dtoa modes 2 and 3.
 * The shortest round-trip digits (repr, dtoa mode 0) are the first '%.{p}e' for p = 1..17
 * that reads back to the same double. CPython's format_float_short layout rules are then
 * applied to those digits for repr() and for the format spec with no type letter. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "mem.h"

/* ---- digits ---------------------------------------------------------------------- */

/* Parse "d.ddde±XX" into bare digits (trailing zeros removed, at least one) and decpt:
 * value = 0.DIGITS * 10**decpt. */
static int parse_e(const char *buf, char *digits, int *decpt) {
    int n = 0;
    const char *p = buf;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    int e = (*p == 'e') ? atoi(p + 1) : 0;
    while (n > 1 && digits[n - 1] == '0') n--;
    digits[n] = 0;
    *decpt = (n == 1 && digits[0] == '0') ? 1 : e + 1;
    return n;
}

/* Shortest digits that round-trip (x finite, >= 0). */
static int shortest_digits(double x, char *digits, int *decpt) {
    char buf[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x) break;
    }
    return parse_e(buf, digits, decpt);
}

/* `prec` significant digits, correctly rounded (x finite, >= 0). */
static int prec_digits(double x, int prec, char *digits, int *decpt) {
    char buf[80];
    snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
    return parse_e(buf, digits, decpt);
}

/* CPython's format_float_short layout of digits/decpt for modes 'r' and 'g'.
 * add_dot_0: keep ".0" on integers (repr and the empty format type). */
static void layout_digits(StrBuf *sb, const char *d, int ndig, int decpt, char mode, int precision, bool add_dot_0,
                          bool alt) {
    int use_exp;
    if (mode == 'r') use_exp = decpt <= -4 || decpt > 16;
    else use_exp = decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision);
    int exp = 0;
    if (use_exp) { exp = decpt - 1; decpt = 1; }
    int vend = (mode == 'g' && alt) ? precision : ndig;
    int vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0) vend = vend > decpt ? vend : decpt + 1;
    else vend = vend > decpt ? vend : decpt;
    size_t start = sb->len;
    if (decpt <= 0) {
        for (int i = 0; i < decpt - vstart; i++) sb_putc(sb, '0');
        sb_putc(sb, '.');
        for (int i = 0; i < -decpt; i++) sb_putc(sb, '0');
    }
    if (0 < decpt && decpt <= ndig) {
        sb_putn(sb, d, (size_t)decpt);
        sb_putc(sb, '.');
        sb_putn(sb, d + decpt, (size_t)(ndig - decpt));
    } else
        sb_putn(sb, d, (size_t)ndig);
    if (ndig < decpt) {
        for (int i = 0; i < decpt - ndig; i++) sb_putc(sb, '0');
        sb_putc(sb, '.');
        for (int i = 0; i < vend - decpt; i++) sb_putc(sb, '0');
    } else
        for (int i = 0; i < vend - ndig; i++) sb_putc(sb, '0');
    if (!sb->oom && sb->len > start && sb->data[sb->len - 1] == '.' && !alt) sb->data[--sb->len] = 0;
    if (use_exp) sb_printf(sb, "e%+.02d", exp);
}

/* x finite, >= 0. mode 'r': shortest digits; 'g': `precision` significant digits. */
static void layout_short(StrBuf *sb, double x, char mode, int precision, bool add_dot_0, bool alt) {
    char digits[48];
    int decpt, ndig;
    if (mode == 'r') {
        ndig = shortest_digits(x, digits, &decpt);
        layout_digits(sb, digits, ndig, decpt, mode, precision, add_dot_0, alt);
        return;
    }
    if (precision == 0) precision = 1;
    if (precision <= 40) {
        ndig = prec_digits(x, precision, digits, &decpt);
        layout_digits(sb, digits, ndig, decpt, mode, precision, add_dot_0, alt);
        return;
    }
    /* more digits than a double carries: printf still gives its exact expansion */
    size_t cap = (size_t)precision + 40;
    char *buf = mem_alloc(cap), *d = mem_alloc(cap);
    if (!buf || !d) {
        mem_free(buf, cap);
        mem_free(d, cap);
        sb->oom = true;
        return;
    }
    snprintf(buf, cap, "%.*e", precision - 1, x);
    ndig = parse_e(buf, d, &decpt);
    layout_digits(sb, d, ndig, decpt, mode, precision, add_dot_0, alt);
    mem_free(buf, cap);
    mem_free(d, cap);
}

void fmt_float_repr(StrBuf *sb, double x) {
    if (isnan(x)) { sb_puts(sb, "nan"); return; }
    if (signbit(x)) sb_putc(sb, '-');
    x = fabs(x);
    if (isinf(x)) { sb_puts(sb, "inf"); return; }
    layout_short(sb, x, 'r', 0, true, false);
}

/* ---- round() --------------------------------------------------------------------- */

/* Python's round(x, ndigits): the decimal string correctly rounded (half-even on the exact
 * binary value) read back with strtod. May return inf when the rounded value overflows
 * (Python raises OverflowError "rounded value too large to represent" then). */
double fmt_round_half_even(double x, int ndigits) {
    if (!isfinite(x) || x == 0.0) return x;
    if (ndigits > 323) return x;
    if (ndigits < -308) return 0.0 * x;
    if (ndigits >= 0) {
        char buf[1400];
        snprintf(buf, sizeof buf, "%.*f", ndigits, x);
        return strtod(buf, NULL);
    }
    /* Negative ndigits: round the exact integer part to a multiple of 10**-ndigits; the
     * fraction only breaks ties (it is exact: ipart and x - ipart are representable). */
    double ip = trunc(x);
    bool sticky = (x - ip) != 0.0;
    char buf[400];
    int n = snprintf(buf, sizeof buf, "%.0f", fabs(ip));
    int k = -ndigits;               /* digits to drop */
    char res[420];
    if (n < 0 || n >= (int)sizeof buf) return x; /* cannot happen: |x| < 1e309 */
    if (n < k) {
        /* |x| < 10**(k-1) * 10: rounds to 0 unless above half of 10**k */
        return 0.0 * x;
    }
    int keep = n - k;
    /* Compare the dropped part with half: first dropped digit vs 5, then the rest + sticky. */
    int cmp;
    char first = buf[keep];
    if (first > '5') cmp = 1;
    else if (first < '5') cmp = -1;
    else {
        cmp = sticky ? 1 : 0;
        for (int i = keep + 1; i < n && cmp == 0; i++)
            if (buf[i] != '0') cmp = 1;
    }
    bool up = cmp > 0 || (cmp == 0 && keep > 0 && ((buf[keep - 1] - '0') & 1));
    memcpy(res, "0", 2);
    int rl;
    if (keep == 0) {
        rl = snprintf(res, sizeof res, "%s", up ? "1" : "0");
    } else {
        memcpy(res + 1, buf, (size_t)keep & 511);
        res[0] = '0';
        rl = keep + 1;
        if (up) {
            int i = rl - 1;
            while (res[i] == '9') res[i--] = '0';
            res[i]++;
        }
    }
    for (int i = 0; i < k; i++) res[rl++] = '0';
    res[rl] = 0;
    double r = strtod(res, NULL);
    return x < 0 ? -r : r;
}

/* ---- the format-spec mini-language ------------------------------------------------ */

typedef struct Spec {
    char fill[5];
    int filllen;
    bool fill_given;
    char align;   /* 0 = default */
    char sign;    /* 0, '+', '-', ' ' */
    bool z, alt;
    int64_t width;  /* -1: none */
    char group;     /* 0, ',', '_' */
    int64_t prec;   /* -1: none */
    char type;      /* 0: none */
} Spec;

static bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

static int utf8_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

static bool parse_num(Interp *I, const char *s, size_t n, size_t *pos, int64_t *out) {
    int64_t v = 0;
    size_t start = *pos;
    while (*pos < n && s[*pos] >= '0' && s[*pos] <= '9') {
        if (v > (INT64_MAX - 9) / 10) {
            err_raise(I, EXC_ValueError, "Too many decimal digits in format string");
            return false;
        }
        v = v * 10 + (s[*pos] - '0');
        (*pos)++;
    }
    *out = *pos > start ? v : -1;
    return true;
}

static bool parse_spec(Interp *I, const char *s, size_t n, Spec *sp, char default_align, char default_type,
                       const char *tname) {
    memset(sp, 0, sizeof *sp);
    sp->fill[0] = ' ';
    sp->filllen = 1;
    sp->width = sp->prec = -1;
    size_t pos = 0;
    int cl = n ? utf8_len((unsigned char)s[0]) : 1;
    if ((size_t)cl > n) cl = 1;
    if (n >= (size_t)cl + 1 && is_align(s[cl])) {
        memcpy(sp->fill, s, (size_t)cl);
        sp->filllen = cl;
        sp->fill_given = true;
        sp->align = s[cl];
        pos = (size_t)cl + 1;
    } else if (n >= 1 && is_align(s[0])) {
        sp->align = s[0];
        pos = 1;
    }
    if (pos < n && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' ')) sp->sign = s[pos++];
    if (pos < n && s[pos] == 'z') { sp->z = true; pos++; }
    if (pos < n && s[pos] == '#') { sp->alt = true; pos++; }
    if (!sp->fill_given && pos < n && s[pos] == '0') {
        sp->fill[0] = '0';
        sp->filllen = 1;
        if (!sp->align && default_align == '>') sp->align = '=';
        pos++;
    }
    if (!parse_num(I, s, n, &pos, &sp->width)) return false;
    if (pos < n && s[pos] == ',') {
        sp->group = ',';
        pos++;
        if (pos < n && s[pos] == '_') goto both;
    }
    if (pos < n && s[pos] == '_') {
        if (sp->group) goto both;
        sp->group = '_';
        pos++;
        if (pos < n && s[pos] == ',') goto both;
    }
    if (pos < n && s[pos] == '.') {
        pos++;
        if (!parse_num(I, s, n, &pos, &sp->prec)) return false;
        if (sp->prec < 0) { err_raise(I, EXC_ValueError, "Format specifier missing precision"); return false; }
    }
    if (n - pos > 1) {
        err_raise(I, EXC_ValueError, "Invalid format specifier '%.*s' for object of type '%s'", (int)n, s, tname);
        return false;
    }
    sp->type = n - pos == 1 ? s[pos] : default_type;
    if (sp->group) {
        switch (sp->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (sp->group == '_') break;
            /* fall through */
        default:
            if (sp->type > 32 && sp->type < 127)
                err_raise(I, EXC_ValueError, "Cannot specify '%c' with '%c'.", sp->group, sp->type);
            else
                err_raise(I, EXC_ValueError, "Cannot specify '%c' with '\\x%x'.", sp->group, (unsigned char)sp->type);
            return false;
        }
    }
    if (sp->width > ((int64_t)1 << 30) || sp->prec > ((int64_t)1 << 30)) {
        if (sp->prec > INT32_MAX) err_raise(I, EXC_ValueError, "precision too big");
        else err_nomem(I);
        return false;
    }
    if (!sp->align) sp->align = default_align;
    return true;
both:
    err_raise(I, EXC_ValueError, "Cannot specify both ',' and '_'.");
    return false;
}

static void put_fill(StrBuf *sb, const Spec *sp, int64_t count) {
    for (int64_t i = 0; i < count && !sb->oom; i++) sb_putn(sb, sp->fill, (size_t)sp->filllen);
}

/* Emit pre + body padded to the width; `ncp` is their length in code points. With '='
 * the padding goes between pre (sign, 0x prefix) and body. */
static void pad_emit(StrBuf *sb, const Spec *sp, const char *pre, size_t npre, const char *body, size_t nbody,
                     int64_t ncp) {
    int64_t pad = sp->width > ncp ? sp->width - ncp : 0;
    int64_t left = 0, right = 0;
    switch (sp->align) {
    case '<': right = pad; break;
    case '^': left = pad / 2; right = pad - left; break;
    case '=':
        sb_putn(sb, pre, npre);
        put_fill(sb, sp, pad);
        sb_putn(sb, body, nbody);
        return;
    default: left = pad; break;
    }
    put_fill(sb, sp, left);
    sb_putn(sb, pre, npre);
    sb_putn(sb, body, nbody);
    put_fill(sb, sp, right);
}

/* Group the integer digits with `sep` every `g` digits, zero-extended to min_width when
 * zero padding (CPython's InsertThousandsGrouping_fill). Appends to out. */
static void group_digits(StrBuf *out, const char *d, int64_t nd, char sep, int g, int64_t min_width) {
    StrBuf rev;
    sb_init(&rev);
    int64_t remaining = nd, mw = min_width;
    bool first = true;
    for (;;) {
        int64_t l = g;
        int64_t m = remaining > mw ? remaining : mw;
        if (m < 1) m = 1;
        if (l > m) l = m;
        int64_t nz = l - remaining > 0 ? l - remaining : 0;
        int64_t nc = remaining < l ? remaining : l;
        if (nc < 0) nc = 0;
        if (!first) sb_putc(&rev, sep);
        for (int64_t i = 0; i < nc; i++) sb_putc(&rev, d[remaining - 1 - i]);
        for (int64_t i = 0; i < nz; i++) sb_putc(&rev, '0');
        first = false;
        remaining -= nc;
        mw -= l;
        if ((remaining <= 0 && mw <= 0) || rev.oom) break;
        mw -= 1;
    }
    if (rev.oom) { out->oom = true; sb_free(&rev); return; }
    for (size_t i = rev.len; i > 0; i--) sb_putc(out, rev.data[i - 1]);
    sb_free(&rev);
}

/* A number: sign+prefix, integer digits (grouped), and the rest (fraction, exponent, %). */
static void emit_number(StrBuf *sb, const Spec *sp, const char *pre, size_t npre, const char *intd, size_t nint,
                        const char *rest, size_t nrest, int groupsize) {
    StrBuf body;
    sb_init(&body);
    bool zero_pad = sp->align == '=' && sp->filllen == 1 && sp->fill[0] == '0';
    if (sp->group && nint > 0) {
        int64_t mw = zero_pad ? sp->width - (int64_t)npre - (int64_t)nrest : 0;
        group_digits(&body, intd, (int64_t)nint, sp->group, groupsize, mw);
    } else
        sb_putn(&body, intd, nint);
    sb_putn(&body, rest, nrest);
    if (body.oom) { sb->oom = true; sb_free(&body); return; }
    pad_emit(sb, sp, pre, npre, body.data ? body.data : "", body.len, (int64_t)(npre + body.len));
    sb_free(&body);
}

static bool float_body(Interp *I, StrBuf *sb, const Spec *sp, double x, const char *tname);

bool fmt_int_spec(Interp *I, StrBuf *sb, int64_t x, const char *spec, size_t n) {
    Spec sp;
    if (!parse_spec(I, spec, n, &sp, '>', 'd', "int")) return false;
    switch (sp.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        return float_body(I, sb, &sp, (double)x, "int");
    case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c':
        break;
    default:
        if (sp.type > 32 && sp.type < 127)
            err_raise(I, EXC_ValueError, "Unknown format code '%c' for object of type 'int'", sp.type);
        else
            err_raise(I, EXC_ValueError, "Unknown format code '\\x%x' for object of type 'int'", (unsigned char)sp.type);
        return false;
    }
    if (sp.prec >= 0) { err_raise(I, EXC_ValueError, "Precision not allowed in integer format specifier"); return false; }
    if (sp.z) { err_raise(I, EXC_ValueError, "Negative zero coercion (z) not allowed in integer format specifier"); return false; }
    if (sp.type == 'c') {
        if (sp.sign) { err_raise(I, EXC_ValueError, "Sign not allowed with integer format specifier 'c'"); return false; }
        if (sp.alt) { err_raise(I, EXC_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'"); return false; }
        if (x < 0 || x > 0x10FFFF) { err_raise(I, EXC_OverflowError, "%%c arg not in range(0x110000)"); return false; }
        char u[4];
        size_t ul;
        uint32_t c = (uint32_t)x;
        if (c < 0x80) { u[0] = (char)c; ul = 1; }
        else if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); ul = 2; }
        else if (c < 0x10000) { u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F)); ul = 3; }
        else { u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F)); u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); ul = 4; }
        Spec s2 = sp;
        s2.group = 0;
        pad_emit(sb, &s2, "", 0, u, ul, 1);
        goto done;
    }
    {
        uint64_t mag = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        char pre[4];
        size_t npre = 0;
        if (x < 0) pre[npre++] = '-';
        else if (sp.sign == '+') pre[npre++] = '+';
        else if (sp.sign == ' ') pre[npre++] = ' ';
        int base = 10, groupsize = 3;
        const char *dig = "0123456789abcdef";
        switch (sp.type) {
        case 'b': base = 2; groupsize = 4; if (sp.alt) { pre[npre++] = '0'; pre[npre++] = 'b'; } break;
        case 'o': base = 8; groupsize = 4; if (sp.alt) { pre[npre++] = '0'; pre[npre++] = 'o'; } break;
        case 'x': base = 16; groupsize = 4; if (sp.alt) { pre[npre++] = '0'; pre[npre++] = 'x'; } break;
        case 'X': base = 16; groupsize = 4; dig = "0123456789ABCDEF"; if (sp.alt) { pre[npre++] = '0'; pre[npre++] = 'X'; } break;
        default: break;
        }
        char buf[72];
        int nd = 0;
        do { buf[nd++] = dig[mag % (uint64_t)base]; mag /= (uint64_t)base; } while (mag);
        for (int i = 0; i < nd / 2; i++) { char t = buf[i]; buf[i] = buf[nd - 1 - i]; buf[nd - 1 - i] = t; }
        emit_number(sb, &sp, pre, npre, buf, (size_t)nd, "", 0, groupsize);
    }
done:
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

/* The body of a float format (sign, digits, padding) for a parsed spec. */
static bool float_body(Interp *I, StrBuf *sb, const Spec *sp, double x, const char *tname) {
    char type = sp->type;
    int64_t prec = sp->prec;
    bool pct = false;
    if (type == 'n') type = 'g';
    if (type == '%') { pct = true; type = 'f'; x *= 100; }
    bool neg = signbit(x) && !isnan(x);
    double ax = fabs(x);
    StrBuf num;
    sb_init(&num);
    if (!isfinite(ax)) {
        bool upper = type == 'E' || type == 'F' || type == 'G';
        sb_puts(&num, isnan(ax) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
    } else if (type == 0) {
        if (prec < 0) layout_short(&num, ax, 'r', 0, true, sp->alt);
        else layout_short(&num, ax, 'g', (int)prec, true, sp->alt);
    } else {
        if (prec < 0) prec = 6;
        char f[8];
        int k = 0;
        f[k++] = '%';
        if (sp->alt) f[k++] = '#';
        f[k++] = '.'; f[k++] = '*'; f[k++] = type; f[k] = 0;
        sb_printf(&num, f, (int)prec, ax);
    }
    if (pct) sb_putc(&num, '%');
    if (num.oom) { sb_free(&num); err_nomem(I); return false; }
    const char *s = num.data;
    size_t ns = num.len;
    if (neg && sp->z && isfinite(ax)) {
        bool allzero = true;
        for (size_t i = 0; i < ns && s[i] != 'e' && s[i] != 'E'; i++)
            if (s[i] >= '1' && s[i] <= '9') { allzero = false; break; }
        if (allzero) neg = false;
    }
    char pre[2];
    size_t npre = 0;
    if (neg) pre[npre++] = '-';
    else if (sp->sign == '+') pre[npre++] = '+';
    else if (sp->sign == ' ') pre[npre++] = ' ';
    size_t nint = 0;
    while (nint < ns && s[nint] >= '0' && s[nint] <= '9') nint++;
    emit_number(sb, sp, pre, npre, s, nint, s + nint, ns - nint, 3);
    sb_free(&num);
    (void)tname;
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

bool fmt_float_spec(Interp *I, StrBuf *sb, double x, const char *spec, size_t n) {
    Spec sp;
    if (!parse_spec(I, spec, n, &sp, '>', 0, "float")) return false;
    switch (sp.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': case 'n':
        break;
    default:
        if (sp.type > 32 && sp.type < 127)
            err_raise(I, EXC_ValueError, "Unknown format code '%c' for object of type 'float'", sp.type);
        else
            err_raise(I, EXC_ValueError, "Unknown format code '\\x%x' for object of type 'float'", (unsigned char)sp.type);
        return false;
    }
    return float_body(I, sb, &sp, x, "float");
}

bool fmt_str_spec(Interp *I, StrBuf *sb, const char *s, size_t len, const char *spec, size_t n) {
    Spec sp;
    if (!parse_spec(I, spec, n, &sp, '<', 's', "str")) return false;
    if (sp.type != 0 && sp.type != 's') {
        if (sp.type > 32 && sp.type < 127)
            err_raise(I, EXC_ValueError, "Unknown format code '%c' for object of type 'str'", sp.type);
        else
            err_raise(I, EXC_ValueError, "Unknown format code '\\x%x' for object of type 'str'", (unsigned char)sp.type);
        return false;
    }
    if (sp.sign) { err_raise(I, EXC_ValueError, "Sign not allowed in string format specifier"); return false; }
    if (sp.z) { err_raise(I, EXC_ValueError, "Negative zero coercion (z) not allowed in string format specifier"); return false; }
    if (sp.alt) { err_raise(I, EXC_ValueError, "Alternate form (#) not allowed in string format specifier"); return false; }
    if (sp.align == '=') { err_raise(I, EXC_ValueError, "'=' alignment not allowed in string format specifier"); return false; }
    /* count code points, truncating to the precision */
    int64_t ncp = 0;
    size_t bytes = 0;
    while (bytes < len && (sp.prec < 0 || ncp < sp.prec)) {
        int l = utf8_len((unsigned char)s[bytes]);
        if (bytes + (size_t)l > len) l = (int)(len - bytes);
        bytes += (size_t)l;
        ncp++;
    }
    pad_emit(sb, &sp, "", 0, s, bytes, ncp);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}
