/* tensor_print.c — repr/str/format of tensors, exactly as torch 1.13 and NumPy 1.24 print them
 * (prefix tprint_ for internals; the public entry points are declared in tensor.h).
 *
 * torch: a port of torch/_tensor_str.py (_Formatter, _vector_str, _tensor_str_with_formatter,
 * _add_suffixes) with the default print options: precision 4, threshold 1000, edgeitems 3,
 * linewidth 80. Every number goes through Python's float formatting ('{:.4f}', '{:.4e}',
 * '{:.0f}') of the double the element converts to; glibc's printf rounds those the same way.
 *
 * NumPy: a port of numpy/core/arrayprint.py (FloatingFormat with floatmode 'maxprec',
 * precision 8, IntegerFormat, BoolFormat, _formatArray, array_repr) with linewidth 75,
 * threshold 1000, edgeitems 3 — or what np.set_printoptions set (precision, threshold,
 * edgeitems, linewidth, suppress, floatmode) — and of the scalar str of scalartypes.c, which
 * the options do not touch. Dragon4's digits are
 * reproduced as: the shortest digits that round-trip in the element's own type, or, when
 * a cutoff (precision) or a minimum (min_digits) changes the count, the exactly rounded
 * value at that count (printf's %.*f / %.*e are exact and round half to even). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "tensor.h"

enum { TPRINT_EDGE = 3, TPRINT_THRESHOLD = 1000, TPRINT_TORCH_WIDTH = 80 };

/* torch's PRINT_OPTS (torch/_tensor_str.py); torch.set_printoptions changes them */
static TensorTorchPrintOptions tprint_torch_opts = {
    .precision = 4, .threshold = TPRINT_THRESHOLD, .edgeitems = TPRINT_EDGE, .linewidth = TPRINT_TORCH_WIDTH, .sci_mode = -1,
};
TensorTorchPrintOptions *tensor_torch_printoptions(void) { return &tprint_torch_opts; }

/* NumPy's defaults (arrayprint.py's _format_options); np.set_printoptions changes them. */
static TensorNpPrintOptions tprint_np_opts = {
    .precision = 8, .edgeitems = 3, .linewidth = 75, .threshold = 1000, .threshold_float = NAN,
    .suppress = false, .floatmode = TPRINT_FM_MAXPREC,
};
TensorNpPrintOptions *tensor_np_printoptions(void) { return &tprint_np_opts; }

static const char *const tprint_torch_dtype[DT__COUNT] = {
    [DT_BOOL] = "torch.bool", [DT_INT64] = "torch.int64",
    [DT_FLOAT32] = "torch.float32", [DT_FLOAT64] = "torch.float64",
};
static const char *const tprint_np_dtype[DT__COUNT] = {
    [DT_BOOL] = "bool", [DT_INT64] = "int64", [DT_FLOAT32] = "float32", [DT_FLOAT64] = "float64",
};

/* ---- element access --------------------------------------------------------------- */
static bool tprint_is_float(const Tensor *t) { return t->dtype == DT_FLOAT32 || t->dtype == DT_FLOAT64; }

/* Element at storage offset `off`, as the double Python's float() would give. */
static double tprint_getf(const Tensor *t, int64_t off) {
    const void *d = t->storage->data;
    switch (t->dtype) {
    case DT_FLOAT32: return (double)((const float *)d)[off];
    case DT_FLOAT64: return ((const double *)d)[off];
    case DT_INT64: return (double)((const int64_t *)d)[off];
    default: return ((const uint8_t *)d)[off] ? 1.0 : 0.0;
    }
}

static int64_t tprint_geti(const Tensor *t, int64_t off) {
    const void *d = t->storage->data;
    switch (t->dtype) {
    case DT_INT64: return ((const int64_t *)d)[off];
    case DT_BOOL: return ((const uint8_t *)d)[off] ? 1 : 0;
    default: return (int64_t)tprint_getf(t, off);
    }
}

/* Visit the elements that decide the formatter: all of them, or when summarising, the
 * edge-item corners (torch's get_summarized_data, NumPy's _leading_trailing). */
typedef void (*TprintVisit)(void *ctx, const Tensor *t, int64_t off);
static void tprint_visit(const Tensor *t, int dim, int64_t off, bool summarize, int64_t edge, TprintVisit fn, void *ctx) {
    if (dim == t->ndim) { fn(ctx, t, off); return; }
    int64_t n = t->shape[dim];
    for (int64_t i = 0; i < n; i++) {
        if (summarize && n > 2 * edge && i == edge) i = n - edge;
        tprint_visit(t, dim + 1, off + i * t->stride[dim], summarize, edge, fn, ctx);
    }
}

static void tprint_spaces(StrBuf *sb, int n) { for (int i = 0; i < n; i++) sb_putc(sb, ' '); }

/* "(0, 3)" — Python's str(tuple(shape)). */
static void tprint_shape(StrBuf *sb, const Tensor *t) {
    sb_putc(sb, '(');
    for (int i = 0; i < t->ndim; i++) sb_printf(sb, i ? ", %lld" : "%lld", (long long)t->shape[i]);
    if (t->ndim == 1) sb_putc(sb, ',');
    sb_putc(sb, ')');
}

/* ---- shortest round-trip digits (what Dragon4 / repr produce) --------------------- */
static bool tprint_roundtrips(const char *s, double ax, bool f32) {
    if (f32) return strtof(s, NULL) == (float)ax;
    return strtod(s, NULL) == ax;
}

/* Parse "d.ddde[+-]xx" into digits (no dot) and the decimal exponent; returns digit count. */
static int tprint_parse_e(const char *s, char *digits, int *e10) {
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9') digits[n++] = *s;
    digits[n] = 0;
    *e10 = *s == 'e' ? atoi(s + 1) : 0;
    return n;
}

/* Shortest digits of |x| (finite) that read back as x in its own type (float32 or
 * float64), nearest to x among those: value = 0.d1d2.. is d1.d2d3.. x 10^e10. Trailing
 * zeros removed. x == 0 gives "0", e10 0. */
static int tprint_shortest(double x, bool f32, char *digits, int *e10) {
    double ax = fabs(x);
    if (ax == 0) { digits[0] = '0'; digits[1] = 0; *e10 = 0; return 1; }
    int maxp = f32 ? 9 : 17;
    char buf[64];
    int n = 0;
    for (int p = 1; p <= maxp; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
        if (tprint_roundtrips(buf, ax, f32) || p == maxp) { n = tprint_parse_e(buf, digits, e10); break; }
        /* At a power of two the interval below x is half as wide as above: the nearest
         * p-digit string may miss while the next one up still reads back as x. */
        n = tprint_parse_e(buf, digits, e10);
        int e = *e10, k = n - 1;
        while (k >= 0 && digits[k] == '9') digits[k--] = '0';
        if (k < 0) { memmove(digits + 1, digits, (size_t)n); digits[0] = '1'; digits[n] = 0; e++; }
        else digits[k]++;
        snprintf(buf, sizeof buf, "%c.%se%d", digits[0], digits + 1, e);
        if (tprint_roundtrips(buf, ax, f32)) { *e10 = e; break; }
        n = 0;
    }
    while (n > 1 && digits[n - 1] == '0') digits[--n] = 0;
    return n;
}

/* ---- NumPy's Dragon4 (unique=True) -------------------------------------------------- */
typedef enum { TRIM_K, TRIM_DOT, TRIM_ZERO, TRIM_DASH } TprintTrim; /* 'k' '.' '0' '-' */

/* Apply a trim mode to "[-]ddd.ddd[e...]" in place. */
static void tprint_trim(char *s, TprintTrim trim) {
    if (trim == TRIM_K) return;
    char *e = strchr(s, 'e');
    char tail[16] = "";
    if (e) { snprintf(tail, sizeof tail, "%s", e); *e = 0; }
    char *dot = strchr(s, '.');
    if (dot) {
        size_t n = strlen(s);
        while (n > (size_t)(dot - s) + 1 && s[n - 1] == '0') s[--n] = 0;
        if (trim == TRIM_ZERO && s[n - 1] == '.') { s[n++] = '0'; s[n] = 0; }
        if (trim == TRIM_DASH && s[n - 1] == '.') s[--n] = 0;
    }
    strcat(s, tail);
}

/* dragon4_positional(x, precision, min_digits, unique=True, fractional=True, trim)
 * into out (no padding). precision < 0: no cutoff; min_digits < 0: none. Dragon4 stops at
 * the last unique digit, but (when min_digits >= 0) never before the digit at 10^-min_digits
 * nor, whatever the cutoff, after the one at 10^-precision; digits past the unique ones
 * are the exactly rounded value's. */
static void tprint_np_positional(double x, bool f32, int precision, int min_digits, TprintTrim trim, char *out) {
    char digits[40];
    int e10;
    int n = tprint_shortest(x, f32, digits, &e10);
    int nf = n - 1 - e10 > 0 ? n - 1 - e10 : 0;
    int p_last = e10 - (n - 1); /* place of the last unique digit */
    int final = p_last;
    if (min_digits >= 0 && final > -min_digits) final = -min_digits;
    if (precision >= 0 && final < -precision) final = -precision;
    int d = final < 0 ? -final : 0;
    char *p = out;
    if (signbit(x)) *p++ = '-';
    if (final != p_last) {
        snprintf(p, 400, "%.*f", d, fabs(x));
        if (!strchr(p, '.')) strcat(p, ".");
    } else {
        if (e10 < 0) *p++ = '0';
        else
            for (int i = 0; i <= e10; i++) *p++ = i < n ? digits[i] : '0';
        *p++ = '.';
        for (int i = 0; i < nf; i++) {
            int k = e10 + 1 + i;
            *p++ = k >= 0 && k < n ? digits[k] : '0';
        }
        *p = 0;
    }
    tprint_trim(out, trim);
}

/* dragon4_scientific(x, precision, min_digits, unique=True, trim, exp_digits) into out. */
static void tprint_np_scientific(double x, bool f32, int precision, int min_digits, TprintTrim trim,
                                 int exp_digits, char *out) {
    char digits[40];
    int e10;
    int n = tprint_shortest(x, f32, digits, &e10);
    int nf = n - 1;
    int d = nf;
    if (precision >= 0 && d > precision) d = precision;
    if (min_digits > d) d = min_digits;
    char mant[400];
    char *p = mant;
    if (signbit(x)) *p++ = '-';
    if (d != nf) {
        char buf[400];
        snprintf(buf, sizeof buf, "%.*e", d, fabs(x));
        char *e = strchr(buf, 'e');
        e10 = atoi(e + 1);
        *e = 0;
        if (!strchr(buf, '.')) strcat(buf, ".");
        strcpy(p, buf);
    } else {
        *p++ = digits[0];
        *p++ = '.';
        for (int i = 1; i < n; i++) *p++ = digits[i];
        *p = 0;
    }
    tprint_trim(mant, trim);
    if (exp_digits < 0) exp_digits = 2;
    if (exp_digits > 5) exp_digits = 5;
    sprintf(out, "%se%c%0*d", mant, e10 < 0 ? '-' : '+', exp_digits, abs(e10));
}

/* str() of a NumPy float scalar (scalartypes.c): positional when 1e-4 <= |x| < 1e16 or 0,
 * else scientific; shortest digits of the scalar's own type. */
static void tprint_np_scalar_float(StrBuf *sb, double x, bool f32) {
    char buf[512];
    if (isnan(x)) { sb_puts(sb, "nan"); return; }
    if (isinf(x)) { sb_puts(sb, x < 0 ? "-inf" : "inf"); return; }
    double ax = fabs(x);
    if (ax == 0 || (ax >= 1e-4 && ax < 1e16)) tprint_np_positional(x, f32, -1, -1, TRIM_ZERO, buf);
    else tprint_np_scientific(x, f32, -1, -1, TRIM_DASH, -1, buf);
    sb_puts(sb, buf);
}

/* ---- NumPy element formatters (FloatingFormat / IntegerFormat / BoolFormat) ---------- */
typedef struct {
    const Tensor *t;
    bool f32;
    /* FloatingFormat */
    bool exp_format, fixed; /* fixed: floatmode 'fixed' (Dragon4 unique=False, trim 'k') */
    int pad_left, pad_right, precision, min_digits, exp_size;
    TprintTrim trim;
    /* first pass */
    bool any_finite, any_nonfinite, any_neginf, any_nonzero;
    double max_val, min_val;
    /* IntegerFormat */
    int int_width;
    int64_t imax, imin;
    bool any;
} TprintNp;

static void tprint_np_scan(void *ctx, const Tensor *t, int64_t off) {
    TprintNp *c = ctx;
    if (!tprint_is_float(t)) {
        int64_t v = tprint_geti(t, off);
        if (!c->any || v > c->imax) c->imax = v;
        if (!c->any || v < c->imin) c->imin = v;
        c->any = true;
        return;
    }
    double x = tprint_getf(t, off);
    if (!isfinite(x)) {
        c->any_nonfinite = true;
        if (isinf(x) && x < 0) c->any_neginf = true;
        return;
    }
    c->any_finite = true;
    if (x == 0) return;
    double a = fabs(x);
    if (!c->any_nonzero || a > c->max_val) c->max_val = a;
    if (!c->any_nonzero || a < c->min_val) c->min_val = a;
    c->any_nonzero = true;
}

static void tprint_np_widths(void *ctx, const Tensor *t, int64_t off) {
    TprintNp *c = ctx;
    double x = tprint_getf(t, off);
    if (!isfinite(x)) return;
    char buf[512];
    if (c->exp_format) {
        tprint_np_scientific(x, c->f32, c->precision, c->fixed ? c->precision : -1, c->fixed ? TRIM_K : TRIM_DOT, -1, buf);
        char *e = strchr(buf, 'e');
        int el = (int)strlen(e + 1) - 1;
        *e = 0;
        char *dot = strchr(buf, '.');
        int il = (int)(dot - buf), fl = (int)strlen(dot + 1);
        if (el > c->exp_size) c->exp_size = el;
        if (il > c->pad_left) c->pad_left = il;
        if (fl > c->pad_right) c->pad_right = fl; /* becomes precision below */
    } else {
        tprint_np_positional(x, c->f32, c->precision, c->fixed ? c->precision : -1, c->fixed ? TRIM_K : TRIM_DOT, buf);
        char *dot = strchr(buf, '.');
        int il = (int)(dot - buf), fl = (int)strlen(dot + 1);
        if (il > c->pad_left) c->pad_left = il;
        if (fl > c->pad_right) c->pad_right = fl;
    }
}

static void tprint_np_init(TprintNp *c, const Tensor *t, bool summarize) {
    const TensorNpPrintOptions *o = &tprint_np_opts;
    memset(c, 0, sizeof *c);
    c->t = t;
    c->f32 = t->dtype == DT_FLOAT32;
    tprint_visit(t, 0, t->offset, summarize, o->edgeitems, tprint_np_scan, c);
    if (t->dtype == DT_INT64) {
        char a[32], b[32];
        int la = snprintf(a, sizeof a, "%lld", (long long)c->imax);
        int lb = snprintf(b, sizeof b, "%lld", (long long)c->imin);
        c->int_width = la > lb ? la : lb;
        return;
    }
    if (!tprint_is_float(t)) return;
    c->precision = o->floatmode == TPRINT_FM_UNIQUE ? -1 : o->precision;
    c->fixed = o->floatmode == TPRINT_FM_FIXED;
    c->exp_size = -1;
    if (c->any_nonzero) {
        /* NumPy divides in the array's type and compares as float64 (scalar promotion). */
        double ratio = c->f32 ? (double)((float)c->max_val / (float)c->min_val) : c->max_val / c->min_val;
        if (c->max_val >= 1e8 || (!o->suppress && (c->min_val < 0.0001 || ratio > 1000.))) c->exp_format = true;
    }
    if (!c->any_finite) {
        c->pad_left = c->pad_right = 0;
        c->trim = TRIM_DOT;
        c->min_digits = -1;
    } else if (c->exp_format) {
        tprint_visit(t, 0, t->offset, summarize, o->edgeitems, tprint_np_widths, c);
        c->trim = TRIM_K;
        c->precision = c->min_digits = c->pad_right;
        c->pad_right = c->exp_size + 2 + c->precision;
    } else {
        tprint_visit(t, 0, t->offset, summarize, o->edgeitems, tprint_np_widths, c);
        if (c->fixed || o->floatmode == TPRINT_FM_MAXPREC_EQUAL) {
            c->precision = c->min_digits = c->pad_right;
            c->trim = TRIM_K;
        } else {
            c->trim = TRIM_DOT;
            c->min_digits = 0;
        }
    }
    if (c->any_nonfinite) {
        int offset = c->pad_right + 1;
        int nanw = 3 - offset, infw = 3 + (c->any_neginf ? 1 : 0) - offset;
        if (nanw > c->pad_left) c->pad_left = nanw;
        if (infw > c->pad_left) c->pad_left = infw;
    }
}

static void tprint_pad(char *out, const char *s, int pad_left_chars_before_dot, int pad_right_after_dot) {
    const char *dot = strchr(s, '.');
    const char *e = strchr(s, 'e');
    int il = dot ? (int)(dot - s) : (e ? (int)(e - s) : (int)strlen(s));
    char *p = out;
    for (int i = il; i < pad_left_chars_before_dot; i++) *p++ = ' ';
    strcpy(p, s);
    if (pad_right_after_dot > 0 && dot) {
        int fl = (int)strlen(dot + 1);
        p += strlen(p);
        for (int i = fl; i < pad_right_after_dot; i++) *p++ = ' ';
        *p = 0;
    }
}

/* Format one element (FloatingFormat.__call__ etc.) into out. */
static void tprint_np_elem(const TprintNp *c, int64_t off, char *out) {
    const Tensor *t = c->t;
    if (t->dtype == DT_BOOL) {
        bool b = tprint_geti(t, off) != 0;
        strcpy(out, b ? (t->ndim ? " True" : "True") : "False");
        return;
    }
    if (t->dtype == DT_INT64) {
        sprintf(out, "%*lld", c->int_width, (long long)tprint_geti(t, off));
        return;
    }
    double x = tprint_getf(t, off);
    if (!isfinite(x)) {
        const char *r = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
        sprintf(out, "%*s", c->pad_left + c->pad_right + 1, r);
        return;
    }
    char buf[512];
    if (c->exp_format) {
        tprint_np_scientific(x, c->f32, c->precision, c->min_digits, c->trim, c->exp_size, buf);
        tprint_pad(out, buf, c->pad_left, 0);
    } else {
        tprint_np_positional(x, c->f32, c->precision, c->min_digits, c->trim, buf);
        tprint_pad(out, buf, c->pad_left, c->pad_right);
    }
}

/* ---- NumPy _formatArray ------------------------------------------------------------- */
typedef struct {
    TprintNp fmt;
    const char *sep; /* " " (str) or ", " (repr) */
    bool summarize;
} TprintNpArr;

/* Python's str.rstrip() of a StrBuf's contents, appended to s, then "\n". */
static void tprint_put_rstrip_nl(StrBuf *s, const StrBuf *line) {
    size_t n = line->len;
    while (n > 0 && line->data[n - 1] == ' ') n--;
    sb_putn(s, line->data, n);
    sb_putc(s, '\n');
}

/* _extendLine (legacy=False): wrap before `word` when it would pass line_width. */
static void tprint_extend_line(StrBuf *s, StrBuf *line, const char *word, int line_width, int hanging) {
    size_t wl = strlen(word);
    bool wrap = line->len + wl > (size_t)line_width;
    if (line->len <= (size_t)hanging) wrap = false;
    if (wrap) {
        tprint_put_rstrip_nl(s, line);
        line->len = 0;
        if (line->data) line->data[0] = 0;
        tprint_spaces(line, hanging);
    }
    sb_puts(line, word);
}

static void tprint_np_rec(const TprintNpArr *a, StrBuf *out, int axis, int64_t off, int hanging, int curr_width) {
    const Tensor *t = a->fmt.t;
    int axes_left = t->ndim - axis;
    char word[600];
    if (axes_left == 0) {
        tprint_np_elem(&a->fmt, off, word);
        sb_puts(out, word);
        return;
    }
    int next_hanging = hanging + 1, next_width = curr_width - 1;
    int64_t n = t->shape[axis], st = t->stride[axis];
    int64_t edge = tprint_np_opts.edgeitems;
    bool show_summary = a->summarize && 2 * edge < n;
    int64_t leading = show_summary ? edge : 0, trailing = show_summary ? edge : n;
    const char *sep = a->sep;
    size_t seplen = strlen(sep);
    while (seplen > 0 && sep[seplen - 1] == ' ') seplen--; /* separator.rstrip() */
    StrBuf s; /* every row starts with the hanging indent; the first one is cut below */
    sb_init(&s);
    if (axes_left == 1) {
        int elem_width = curr_width - (seplen > 1 ? (int)seplen : 1);
        StrBuf line;
        sb_init(&line);
        tprint_spaces(&line, hanging);
        for (int64_t i = 0; i < leading; i++) {
            tprint_np_elem(&a->fmt, off + i * st, word);
            tprint_extend_line(&s, &line, word, elem_width, hanging);
            sb_puts(&line, sep);
        }
        if (show_summary) {
            tprint_extend_line(&s, &line, "...", elem_width, hanging);
            sb_puts(&line, sep);
        }
        for (int64_t i = trailing; i > 1; i--) {
            tprint_np_elem(&a->fmt, off + (n - i) * st, word);
            tprint_extend_line(&s, &line, word, elem_width, hanging);
            sb_puts(&line, sep);
        }
        tprint_np_elem(&a->fmt, off + (n - 1) * st, word);
        tprint_extend_line(&s, &line, word, elem_width, hanging);
        sb_putn(&s, line.data ? line.data : "", line.len);
        if (line.oom) s.oom = true;
        sb_free(&line);
    } else {
        /* line_sep = separator.rstrip() + '\n' * (axes_left - 1) */
        char ls[TENSOR_MAX_DIMS + 8];
        size_t lsn = 0;
        memcpy(ls, sep, seplen);
        lsn = seplen;
        for (int k = 0; k < axes_left - 1; k++) ls[lsn++] = '\n';
        for (int64_t i = 0; i < leading; i++) {
            tprint_spaces(&s, hanging);
            tprint_np_rec(a, &s, axis + 1, off + i * st, next_hanging, next_width);
            sb_putn(&s, ls, lsn);
        }
        if (show_summary) {
            tprint_spaces(&s, hanging);
            sb_puts(&s, "...");
            sb_putn(&s, ls, lsn);
        }
        for (int64_t i = trailing; i > 1; i--) {
            tprint_spaces(&s, hanging);
            tprint_np_rec(a, &s, axis + 1, off + (n - i) * st, next_hanging, next_width);
            sb_putn(&s, ls, lsn);
        }
        tprint_spaces(&s, hanging);
        tprint_np_rec(a, &s, axis + 1, off + (n - 1) * st, next_hanging, next_width);
    }
    /* '[' + s[len(hanging_indent):] + ']' */
    sb_putc(out, '[');
    if (s.len > (size_t)hanging) sb_putn(out, s.data + hanging, s.len - (size_t)hanging);
    sb_putc(out, ']');
    if (s.oom) out->oom = true;
    sb_free(&s);
}

/* array2string(a, linewidth, separator, prefix) for a non-empty array. */
static void tprint_np_array2string(StrBuf *sb, const Tensor *t, const char *sep, int prefix_len, int linewidth) {
    TprintNpArr a;
    a.summarize = t->numel > tprint_np_opts.threshold;
    a.sep = sep;
    tprint_np_init(&a.fmt, t, a.summarize);
    tprint_np_rec(&a, sb, 0, t->offset, 1 + prefix_len, linewidth);
}

/* np.array2string(a, separator=, prefix=) under the current options ("[]" when empty). */
void tensor_np_array2string(StrBuf *sb, const Tensor *t, const char *sep, int prefix_len) {
    if (t->numel == 0) { sb_puts(sb, "[]"); return; }
    tprint_np_array2string(sb, t, sep, prefix_len, tprint_np_opts.linewidth);
}

static void tprint_np_scalar(StrBuf *sb, const Tensor *t, int64_t off) {
    switch (t->dtype) {
    case DT_BOOL: sb_puts(sb, tprint_geti(t, off) ? "True" : "False"); break;
    case DT_INT64: sb_printf(sb, "%lld", (long long)tprint_geti(t, off)); break;
    default: tprint_np_scalar_float(sb, tprint_getf(t, off), t->dtype == DT_FLOAT32); break;
    }
}

static void tprint_np_str(StrBuf *sb, const Tensor *t) {
    if (t->flavor == FLAVOR_NUMPY_SCALAR || t->ndim == 0) { tprint_np_scalar(sb, t, t->offset); return; }
    if (t->numel == 0) { sb_puts(sb, "[]"); return; }
    tprint_np_array2string(sb, t, " ", 0, tprint_np_opts.linewidth);
}

static void tprint_np_repr(StrBuf *sb, const Tensor *t) {
    if (t->flavor == FLAVOR_NUMPY_SCALAR) { tprint_np_scalar(sb, t, t->offset); return; }
    bool skipdtype = t->dtype != DT_FLOAT32 && t->numel > 0;
    size_t start = sb->len;
    sb_puts(sb, "array(");
    if (t->numel > 0) tprint_np_array2string(sb, t, ", ", 6, tprint_np_opts.linewidth - 1);
    else if (t->ndim == 1) sb_puts(sb, "[]");
    else { sb_puts(sb, "[], shape="); tprint_shape(sb, t); }
    sb_putc(sb, skipdtype ? ')' : ',');
    if (skipdtype || sb->oom) return;
    char dtype_str[32];
    int dl = snprintf(dtype_str, sizeof dtype_str, "dtype=%s)", tprint_np_dtype[t->dtype]);
    size_t last_nl = start;
    for (size_t i = start; i < sb->len; i++)
        if (sb->data[i] == '\n') last_nl = i + 1;
    size_t last_line_len = sb->len - last_nl;
    if (last_line_len + (size_t)dl + 1 > (size_t)tprint_np_opts.linewidth) sb_puts(sb, "\n      ");
    else sb_putc(sb, ' ');
    sb_puts(sb, dtype_str);
}

/* ---- torch _Formatter --------------------------------------------------------------- */
typedef struct {
    const Tensor *t;
    bool floating, int_mode, sci_mode;
    int max_width;
    /* first pass */
    bool any;
    double nz_max, nz_min;
} TprintTorch;

/* Python's str(float) for nan/inf, otherwise printf; Python never prints "-nan". */
static int tprint_pyfmt(char *out, size_t cap, const char *fmt, int width, double x) {
    if (isnan(x)) return snprintf(out, cap, "%*s", width, "nan");
    return snprintf(out, cap, fmt, width, x);
}

static void tprint_torch_scan(void *ctx, const Tensor *t, int64_t off) {
    TprintTorch *c = ctx;
    if (!c->floating) {
        char buf[32];
        int n = t->dtype == DT_BOOL ? (tprint_geti(t, off) ? 4 : 5)
                                    : snprintf(buf, sizeof buf, "%lld", (long long)tprint_geti(t, off));
        if (n > c->max_width) c->max_width = n;
        return;
    }
    double x = tprint_getf(t, off);
    if (!isfinite(x) || x == 0) return;
    double a = fabs(x);
    if (!c->any || a > c->nz_max) c->nz_max = a;
    if (!c->any || a < c->nz_min) c->nz_min = a;
    c->any = true;
    if (x != ceil(x)) c->int_mode = false;
}

static void tprint_torch_widths(void *ctx, const Tensor *t, int64_t off) {
    TprintTorch *c = ctx;
    double x = tprint_getf(t, off);
    if (!isfinite(x) || x == 0) return;
    char buf[400];
    int n;
    int prec = tprint_torch_opts.precision;
    if (c->sci_mode) n = snprintf(buf, sizeof buf, "%.*e", prec, x);
    else if (c->int_mode) n = snprintf(buf, sizeof buf, "%.0f", x) + 1;
    else n = snprintf(buf, sizeof buf, "%.*f", prec, x);
    if (n > c->max_width) c->max_width = n;
}

static void tprint_torch_init(TprintTorch *c, const Tensor *t, bool summarize) {
    memset(c, 0, sizeof *c);
    c->t = t;
    c->floating = tprint_is_float(t);
    c->int_mode = true;
    c->max_width = 1;
    tprint_visit(t, 0, t->offset, summarize, tprint_torch_opts.edgeitems, tprint_torch_scan, c);
    if (!c->floating || !c->any) return;
    if (c->nz_max / c->nz_min > 1000.0 || c->nz_max > 1.0e8 || (!c->int_mode && c->nz_min < 1.0e-4))
        c->sci_mode = true;
    tprint_visit(t, 0, t->offset, summarize, tprint_torch_opts.edgeitems, tprint_torch_widths, c);
    /* set_printoptions(sci_mode=) overrides the choice after the widths are measured, as torch does */
    if (tprint_torch_opts.sci_mode >= 0) c->sci_mode = tprint_torch_opts.sci_mode;
}

/* _Formatter.format(value) */
static void tprint_torch_elem(const TprintTorch *c, int64_t off, StrBuf *sb) {
    const Tensor *t = c->t;
    char buf[400];
    int n;
    if (!c->floating) {
        if (t->dtype == DT_BOOL) n = snprintf(buf, sizeof buf, "%s", tprint_geti(t, off) ? "True" : "False");
        else n = snprintf(buf, sizeof buf, "%lld", (long long)tprint_geti(t, off));
    } else {
        double x = tprint_getf(t, off);
        char fmt[16];
        if (c->sci_mode) {
            snprintf(fmt, sizeof fmt, "%%*.%de", tprint_torch_opts.precision);
            n = tprint_pyfmt(buf, sizeof buf, fmt, c->max_width, x);
        } else if (c->int_mode) {
            n = tprint_pyfmt(buf, sizeof buf, "%*.0f", 0, x);
            if (isfinite(x)) buf[n++] = '.', buf[n] = 0;
        } else {
            snprintf(fmt, sizeof fmt, "%%*.%df", tprint_torch_opts.precision);
            n = tprint_pyfmt(buf, sizeof buf, fmt, 0, x);
        }
    }
    tprint_spaces(sb, c->max_width - n);
    sb_putn(sb, buf, (size_t)n);
}

/* _vector_str */
static void tprint_torch_vector(const TprintTorch *c, StrBuf *sb, int dim, int64_t off, int indent, bool summarize) {
    const Tensor *t = c->t;
    int element_length = c->max_width + 2;
    int avail = tprint_torch_opts.linewidth - indent;
    int per_line = avail > 0 ? avail / element_length : 0;
    if (per_line < 1) per_line = 1;
    int64_t n = t->shape[dim], st = t->stride[dim], edge = tprint_torch_opts.edgeitems;
    bool summary = summarize && n > 2 * edge;
    int64_t k = 0; /* index into `data`, the list that " ..." is one item of */
    sb_putc(sb, '[');
    for (int64_t i = 0; i < n; i++, k++) {
        if (k > 0) {
            if (k % per_line == 0) { sb_puts(sb, ",\n"); tprint_spaces(sb, indent + 1); }
            else sb_puts(sb, ", ");
        }
        if (summary && i == edge) {
            sb_puts(sb, " ...");
            i = n - edge - 1;
            continue;
        }
        tprint_torch_elem(c, off + i * st, sb);
    }
    sb_putc(sb, ']');
}

/* _tensor_str_with_formatter */
static void tprint_torch_rec(const TprintTorch *c, StrBuf *sb, int dim, int64_t off, int indent, bool summarize) {
    const Tensor *t = c->t;
    int left = t->ndim - dim;
    if (left == 0) { tprint_torch_elem(c, off, sb); return; }
    if (left == 1) { tprint_torch_vector(c, sb, dim, off, indent, summarize); return; }
    int64_t n = t->shape[dim], st = t->stride[dim], edge = tprint_torch_opts.edgeitems;
    bool summary = summarize && n > 2 * edge;
    sb_putc(sb, '[');
    for (int64_t i = 0; i < n; i++) {
        if (i > 0) {
            sb_putc(sb, ',');
            for (int k = 0; k < left - 1; k++) sb_putc(sb, '\n');
            tprint_spaces(sb, indent + 1);
        }
        if (summary && i == edge) {
            sb_puts(sb, "...");
            sb_putc(sb, ',');
            for (int k = 0; k < left - 1; k++) sb_putc(sb, '\n');
            tprint_spaces(sb, indent + 1);
            i = n - edge;
        }
        tprint_torch_rec(c, sb, dim + 1, off + i * st, indent + 1, summarize);
    }
    sb_putc(sb, ']');
}

/* _add_suffixes: each suffix on the same line unless it would pass the line width. */
static void tprint_torch_suffix(StrBuf *sb, int64_t *last_line_len, const char *suffix, int indent) {
    int64_t sl = (int64_t)strlen(suffix);
    if (*last_line_len + sl + 2 > tprint_torch_opts.linewidth) {
        sb_puts(sb, ",\n");
        tprint_spaces(sb, indent);
        *last_line_len = indent + sl;
    } else {
        sb_puts(sb, ", ");
        *last_line_len += sl + 2;
    }
    sb_puts(sb, suffix);
}

/* _str_intern for a plain strided CPU tensor. */
static void tprint_torch_repr(StrBuf *sb, const Tensor *t) {
    const int indent = 7; /* len("tensor(") */
    size_t start = sb->len;
    sb_puts(sb, "tensor(");
    char suffixes[3][64];
    int ns = 0;
    if (t->numel == 0) {
        sb_puts(sb, "[]");
        if (t->ndim != 1) {
            StrBuf tmp;
            sb_init(&tmp);
            sb_puts(&tmp, "size=");
            tprint_shape(&tmp, t);
            snprintf(suffixes[ns++], sizeof suffixes[0], "%s", tmp.data ? tmp.data : "size=()");
            sb_free(&tmp);
        }
        if (t->dtype != DT_FLOAT32) snprintf(suffixes[ns++], sizeof suffixes[0], "dtype=%s", tprint_torch_dtype[t->dtype]);
    } else {
        if (t->dtype == DT_FLOAT64) snprintf(suffixes[ns++], sizeof suffixes[0], "dtype=%s", tprint_torch_dtype[t->dtype]);
        bool summarize = t->numel > tprint_torch_opts.threshold;
        TprintTorch c;
        tprint_torch_init(&c, t, summarize);
        tprint_torch_rec(&c, sb, 0, t->offset, indent, summarize);
    }
    if (t->grad_fn) {
        const char *name = tape_node_name(t->grad_fn);
        snprintf(suffixes[ns++], sizeof suffixes[0], "grad_fn=<%s>", name ? name : "");
    } else if (t->requires_grad) {
        snprintf(suffixes[ns++], sizeof suffixes[0], "requires_grad=True");
    }
    /* last_line_len = len(tensor_str) - tensor_str.rfind("\n") + 1 (rfind is -1 if none) */
    int64_t last_nl = -1;
    if (!sb->oom)
        for (size_t i = start; i < sb->len; i++)
            if (sb->data[i] == '\n') last_nl = (int64_t)(i - start);
    int64_t last_line_len = (int64_t)(sb->len - start) - last_nl + 1;
    for (int i = 0; i < ns; i++) tprint_torch_suffix(sb, &last_line_len, suffixes[i], indent);
    sb_putc(sb, ')');
}

/* ---- public ------------------------------------------------------------------------ */
bool tensor_repr(Interp *I, StrBuf *sb, Value self) {
    const Tensor *t = AS_TENSOR(self);
    if (t->is_param && t->flavor == FLAVOR_TORCH) sb_puts(sb, "Parameter containing:\n");
    if (t->flavor == FLAVOR_TORCH) tprint_torch_repr(sb, t);
    else tprint_np_repr(sb, t);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

bool tensor_str(Interp *I, StrBuf *sb, Value self) {
    const Tensor *t = AS_TENSOR(self);
    if (t->is_param && t->flavor == FLAVOR_TORCH) sb_puts(sb, "Parameter containing:\n");
    if (t->flavor == FLAVOR_TORCH) tprint_torch_repr(sb, t);
    else tprint_np_str(sb, t);
    if (sb->oom) { err_nomem(I); return false; }
    return true;
}

/* format(t, spec): a 0-d tensor / NumPy scalar formats as the Python number it holds
 * (torch's Tensor.__format__ via item(), NumPy's gentype_format); anything else accepts
 * only the empty spec, as object.__format__ does. */
bool tensor_format(Interp *I, StrBuf *sb, Value self, const char *spec, size_t speclen) {
    const Tensor *t = AS_TENSOR(self);
    if (t->ndim == 0 && t->numel == 1) {
        int64_t off = t->offset;
        switch (t->dtype) {
        case DT_BOOL:
            if (speclen == 0) { sb_puts(sb, tprint_geti(t, off) ? "True" : "False"); break; }
            return fmt_int_spec(I, sb, tprint_geti(t, off), spec, speclen);
        case DT_INT64:
            return fmt_int_spec(I, sb, tprint_geti(t, off), spec, speclen);
        default:
            if (speclen == 0) { fmt_float_repr(sb, tprint_getf(t, off)); break; }
            return fmt_float_spec(I, sb, tprint_getf(t, off), spec, speclen);
        }
        if (sb->oom) { err_nomem(I); return false; }
        return true;
    }
    if (speclen > 0) {
        err_raise(I, EXC_TypeError, "unsupported format string passed to %s.__format__",
                  t->flavor == FLAVOR_TORCH ? "Tensor" : "numpy.ndarray");
        return false;
    }
    return tensor_str(I, sb, self);
}
