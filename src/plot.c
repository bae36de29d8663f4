/* plot.c — plot(ys, xs=None, title=None, file=None): a line chart in the terminal or as SVG.
 * See plot.h. The renderers are deterministic (same input, same bytes): no locale, no time,
 * every number printed with a fixed format. */
#include "plot.h"
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "interp.h"
#include "mem.h"
#include "tensor.h"

#define PLOT_MAX_POINTS ((int64_t)10000000)
#define PLOT_MAX_TICKS 64

/* ---- numbers and ticks ----------------------------------------------------------- */

/* Compact label: %.4g, never "-0". */
static void fmt_num(char *buf, size_t n, double v) {
    if (v == 0) v = 0; /* -0.0 -> 0.0 */
    snprintf(buf, n, "%.4g", v);
}

/* Heckbert's "nice numbers": the closest of 1, 2, 5 times a power of ten. */
static double nice_num(double x) {
    double e = floor(log10(x));
    double p = pow(10, e);
    double f = x / p;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
}

/* Nice tick values inside [lo, hi], about k of them; min_step > 0 forces steps of at least it. */
static int nice_ticks(double lo, double hi, int k, double min_step, double *out, int max) {
    double span = hi - lo;
    if (!(span > 0) || !isfinite(span) || k < 2) return 0;
    double step = nice_num(span / (k - 1));
    if (min_step > 0 && step < min_step) step = min_step;
    if (!(step > 0) || !isfinite(step)) return 0;
    double i0 = ceil(lo / step - 1e-9), i1 = floor(hi / step + 1e-9);
    /* beyond 2^50 the loop counter would stop moving; such ranges get no inner ticks */
    if (!(fabs(i0) < 1e15) || !(fabs(i1) < 1e15)) return 0;
    int n = 0;
    for (double i = i0; i <= i1 && n < max; i++) {
        double t = i * step;
        if (fabs(t) < step * 1e-9) t = 0;
        out[n++] = t;
    }
    return n;
}

/* Where v lies between lo and hi, as a fraction (hi > lo); safe when hi - lo overflows. */
static double frac(double v, double lo, double hi) {
    if (!(hi > lo)) return 0.5;
    double span = hi - lo;
    if (isfinite(span)) return (v - lo) / span;
    return (v / 2 - lo / 2) / (hi / 2 - lo / 2);
}

typedef struct Range2 { double lo, hi, only; bool flat; } Range2; /* only: the one value of a flat range */

/* The axis range of finite values; a flat range (one value) is widened so it has a middle. */
static Range2 axis_range(const PlotSpec *p, bool y) {
    Range2 r = {INFINITY, -INFINITY, 0, false};
    for (size_t i = 0; i < p->n; i++) {
        double x = p->xs ? p->xs[i] : (double)i, v = p->ys[i];
        if (!isfinite(x) || !isfinite(v)) continue;
        double a = y ? v : x;
        if (a < r.lo) r.lo = a;
        if (a > r.hi) r.hi = a;
    }
    if (!(r.hi > r.lo)) {
        double d = r.lo != 0 ? fabs(r.lo) * 0.1 : 1;
        r.flat = true;
        double v = r.only = r.lo;
        r.hi = v + d;
        r.lo = v - d;
        if (!isfinite(r.hi)) r.hi = v; /* near DBL_MAX: widen one way only */
        if (!isfinite(r.lo)) r.lo = v;
        if (!(r.hi > r.lo)) { r.hi = v + 1; r.lo = v - 1; } /* a denormal's tenth is 0 */
    }
    return r;
}

static size_t utf8_width(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void put_spaces(StrBuf *sb, long n) {
    for (long i = 0; i < n; i++) sb_putc(sb, ' ');
}

/* Title text on one line: control characters become spaces. */
static void put_title(StrBuf *sb, const char *t) {
    for (; *t; t++) sb_putc(sb, (unsigned char)*t < 0x20 ? ' ' : *t);
}

/* End the current line: drop trailing spaces, add '\n'. */
static void end_line(StrBuf *sb, size_t line_start) {
    if (sb->oom || !sb->data) { sb_putc(sb, '\n'); return; }
    while (sb->len > line_start && sb->data[sb->len - 1] == ' ') sb->len--;
    sb->data[sb->len] = 0;
    sb_putc(sb, '\n');
}

/* ---- the text chart --------------------------------------------------------------- */

typedef struct Grid {
    int cols, rows;   /* character cells */
    int dx, dy;       /* dots per cell: 2x4 braille, 1x1 ASCII */
    uint8_t *bits;    /* cols*rows */
} Grid;

static const uint8_t braille_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

static void grid_set(Grid *g, int c, int r) {
    if (c < 0 || r < 0 || c >= g->cols * g->dx || r >= g->rows * g->dy) return;
    uint8_t bit = g->dx == 2 ? braille_bit[r % 4][c % 2] : 1;
    g->bits[(size_t)(r / g->dy) * (size_t)g->cols + (size_t)(c / g->dx)] |= bit;
}

static void grid_line(Grid *g, int c0, int r0, int c1, int r1) {
    int dc = abs(c1 - c0), sc = c0 < c1 ? 1 : -1;
    int dr = -abs(r1 - r0), sr = r0 < r1 ? 1 : -1;
    int e = dc + dr;
    for (;;) {
        grid_set(g, c0, r0);
        if (c0 == c1 && r0 == r1) break;
        int e2 = 2 * e;
        if (e2 >= dr) { e += dr; c0 += sc; }
        if (e2 <= dc) { e += dc; r0 += sr; }
    }
}

static int dot_of(double v, Range2 r, int ndots, bool flip) {
    double f = frac(v, r.lo, r.hi);
    if (flip) f = 1 - f;
    long d = lround(f * (ndots - 1));
    if (d < 0) d = 0;
    if (d > ndots - 1) d = ndots - 1;
    return (int)d;
}

bool plot_render_text(StrBuf *sb, const PlotSpec *p) {
    bool uni = p->unicode;
    int W = p->width < PLOT_MIN_WIDTH ? PLOT_MIN_WIDTH : p->width;
    int Hfig = p->height < PLOT_MIN_HEIGHT ? PLOT_MIN_HEIGHT : p->height;
    bool has_title = p->title && *p->title;
    int H = Hfig - 2 - (has_title ? 1 : 0); /* plot rows: minus x axis and x labels */
    if (H < 2) H = 2;
    Range2 yr = axis_range(p, true), xr = axis_range(p, false);

    /* Y labels: the top and bottom rows carry the data's max and min (or the widened
     * range of a flat series), nice values in between where they do not crowd. */
    int dy = uni ? 4 : 1, dx = uni ? 2 : 1;
    char labels[PLOT_MAX_TICKS][32];
    int nlab = 0;
    int *row_label = mem_alloc(sizeof(int) * (size_t)H);
    if (!row_label) { sb->oom = true; return false; }
    for (int r = 0; r < H; r++) row_label[r] = -1;
    fmt_num(labels[nlab], sizeof labels[0], yr.hi);
    row_label[0] = nlab++;
    fmt_num(labels[nlab], sizeof labels[0], yr.lo);
    row_label[H - 1] = nlab++;
    double ticks[PLOT_MAX_TICKS];
    int k = H / 3 + 1;
    if (k < 3) k = 3;
    int nt = nice_ticks(yr.lo, yr.hi, k, 0, ticks, PLOT_MAX_TICKS - 2);
    for (int i = 0; i < nt; i++) {
        if (!(ticks[i] > yr.lo && ticks[i] < yr.hi)) continue;
        int r = dot_of(ticks[i], yr, H * dy, true) / dy;
        bool crowded = false;
        for (int j = r - 1; j <= r + 1; j++)
            if (j >= 0 && j < H && row_label[j] >= 0) crowded = true;
        if (crowded || nlab >= PLOT_MAX_TICKS) continue;
        fmt_num(labels[nlab], sizeof labels[0], ticks[i]);
        row_label[r] = nlab++;
    }
    int Lw = 1;
    for (int i = 0; i < nlab; i++) {
        int l = (int)strlen(labels[i]);
        if (l > Lw) Lw = l;
    }
    int P = W - Lw - 2;
    if (P < 4) P = 4;

    Grid g = {P, H, dx, dy, mem_calloc((size_t)P * (size_t)H, 1)};
    if (!g.bits) {
        mem_free(row_label, sizeof(int) * (size_t)H);
        sb->oom = true;
        return false;
    }
    int pc = -1, pr = -1; /* previous point's dot, -1 after a break */
    for (size_t i = 0; i < p->n; i++) {
        double x = p->xs ? p->xs[i] : (double)i, y = p->ys[i];
        if (!isfinite(x) || !isfinite(y)) { pc = pr = -1; continue; }
        int c = dot_of(x, xr, P * dx, false), r = dot_of(y, yr, H * dy, true);
        if (pc >= 0) grid_line(&g, pc, pr, c, r);
        else grid_set(&g, c, r);
        pc = c;
        pr = r;
    }

    size_t ls;
    if (has_title) {
        ls = sb->len;
        long tw = (long)utf8_width(p->title);
        long pad = Lw + 2 + (P - tw) / 2;
        if (pad + tw > W) pad = W - tw;
        put_spaces(sb, pad < 0 ? 0 : pad);
        put_title(sb, p->title);
        end_line(sb, ls);
    }
    for (int r = 0; r < H; r++) {
        ls = sb->len;
        const char *lab = row_label[r] >= 0 ? labels[row_label[r]] : "";
        sb_printf(sb, "%*s ", Lw, lab);
        sb_puts(sb, row_label[r] >= 0 ? (uni ? "\u2524" : "+") : (uni ? "\u2502" : "|"));
        for (int c = 0; c < P; c++) {
            uint8_t b = g.bits[(size_t)r * (size_t)P + (size_t)c];
            if (!b) sb_putc(sb, ' ');
            else if (!uni) sb_putc(sb, '*');
            else {
                char u[3] = {(char)0xE2, (char)(0xA0 | (b >> 6)), (char)(0x80 | (b & 0x3F))};
                sb_putn(sb, u, 3);
            }
        }
        end_line(sb, ls);
    }
    ls = sb->len;
    put_spaces(sb, Lw + 1);
    sb_puts(sb, uni ? "\u2514" : "+");
    for (int c = 0; c < P; c++) sb_puts(sb, uni ? "\u2500" : "-");
    end_line(sb, ls);

    /* X labels: the axis ends, under the first and last plot columns. */
    char x0[32], x1[32];
    double xlo = xr.flat ? xr.only : xr.lo;
    fmt_num(x0, sizeof x0, xlo);
    fmt_num(x1, sizeof x1, xr.hi);
    ls = sb->len;
    put_spaces(sb, Lw + 2);
    if (xr.flat) {
        /* one x value: its label under the middle, where the points are */
        long at = (P - (long)strlen(x0)) / 2;
        put_spaces(sb, at < 0 ? 0 : at);
        sb_puts(sb, x0);
    } else {
        sb_puts(sb, x0);
        long gap = P - (long)strlen(x0) - (long)strlen(x1);
        put_spaces(sb, gap < 1 ? 1 : gap);
        sb_puts(sb, x1);
    }
    end_line(sb, ls);

    mem_free(g.bits, (size_t)P * (size_t)H);
    mem_free(row_label, sizeof(int) * (size_t)H);
    return !sb->oom;
}

/* ---- SVG ----------------------------------------------------------------------------- */

#define SVG_W 640
#define SVG_H 400

static void svg_text(StrBuf *sb, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': sb_puts(sb, "&amp;"); break;
        case '<': sb_puts(sb, "&lt;"); break;
        case '>': sb_puts(sb, "&gt;"); break;
        case '"': sb_puts(sb, "&quot;"); break;
        default: sb_putc(sb, (unsigned char)*s < 0x20 ? ' ' : *s);
        }
    }
}

static bool all_integers(const PlotSpec *p) {
    if (!p->xs) return true;
    for (size_t i = 0; i < p->n; i++)
        if (isfinite(p->xs[i]) && p->xs[i] != floor(p->xs[i])) return false;
    return true;
}

bool plot_render_svg(StrBuf *sb, const PlotSpec *p) {
    bool has_title = p->title && *p->title;
    double L = 72, R = SVG_W - 24, T = has_title ? 44 : 20, B = SVG_H - 44;
    Range2 yr = axis_range(p, true), xr = axis_range(p, false);
    /* a little air above and below the curve, as matplotlib leaves */
    double pad = yr.hi / 20 - yr.lo / 20;
    if (isfinite(yr.lo - pad) && isfinite(yr.hi + pad)) { yr.lo -= pad; yr.hi += pad; }
#define PX(x) (L + frac((x), xr.lo, xr.hi) * (R - L))
#define PY(y) (B - frac((y), yr.lo, yr.hi) * (B - T))

    sb_printf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                  "viewBox=\"0 0 %d %d\">\n", SVG_W, SVG_H, SVG_W, SVG_H);
    sb_printf(sb, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", SVG_W, SVG_H);
    sb_puts(sb, "<g font-family=\"sans-serif\" font-size=\"12\" fill=\"black\">\n");
    if (has_title) {
        sb_printf(sb, "<text x=\"%.2f\" y=\"26\" text-anchor=\"middle\" font-size=\"16\">", (L + R) / 2);
        svg_text(sb, p->title);
        sb_puts(sb, "</text>\n");
    }
    double ticks[PLOT_MAX_TICKS];
    char lab[32];
    int nt = nice_ticks(yr.lo, yr.hi, 6, 0, ticks, PLOT_MAX_TICKS);
    for (int i = 0; i < nt; i++) {
        double y = PY(ticks[i]);
        fmt_num(lab, sizeof lab, ticks[i]);
        sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#e5e5e5\"/>\n", L, y, R, y);
        sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n", L - 5, y, L, y);
        sb_printf(sb, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n", L - 8, y + 4, lab);
    }
    nt = nice_ticks(xr.lo, xr.hi, 8, all_integers(p) ? 1 : 0, ticks, PLOT_MAX_TICKS);
    for (int i = 0; i < nt; i++) {
        double x = PX(ticks[i]);
        fmt_num(lab, sizeof lab, ticks[i]);
        sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#e5e5e5\"/>\n", x, T, x, B);
        sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n", x, B, x, B + 5);
        sb_printf(sb, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%s</text>\n", x, B + 19, lab);
    }
    sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n", L, T, L, B);
    sb_printf(sb, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n", L, B, R, B);
    sb_puts(sb, "</g>\n");

    /* One polyline per run of finite points; a lone point also gets a dot. */
    size_t i = 0;
    while (i < p->n) {
        size_t j = i;
        while (j < p->n && isfinite(p->xs ? p->xs[j] : (double)j) && isfinite(p->ys[j])) j++;
        if (j > i) {
            sb_puts(sb, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" "
                        "stroke-linejoin=\"round\" points=\"");
            for (size_t m = i; m < j; m++)
                sb_printf(sb, "%s%.2f,%.2f", m > i ? " " : "", PX(p->xs ? p->xs[m] : (double)m), PY(p->ys[m]));
            sb_puts(sb, "\"/>\n");
            if (j == i + 1)
                sb_printf(sb, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#1f77b4\"/>\n",
                          PX(p->xs ? p->xs[i] : (double)i), PY(p->ys[i]));
        }
        i = j > i ? j : i + 1;
    }
    sb_puts(sb, "</svg>\n");
#undef PX
#undef PY
    return !sb->oom;
}

/* ---- the builtin -------------------------------------------------------------------- */

static bool given(Value v) { return !IS_UNDEF(v) && !IS_NONE(v); }

/* One element as a number: int, float, bool, or a one-element tensor (a loss kept as a tensor). */
static bool num_of(Value v, double *out) {
    switch (v.kind) {
    case V_INT: *out = (double)v.as.i; return true;
    case V_FLOAT: *out = v.as.f; return true;
    case V_BOOL: *out = v.as.b ? 1 : 0; return true;
    default:
        if (IS_TENSOR(v) && AS_TENSOR(v)->numel == 1) {
            *out = tensor_get(AS_TENSOR(v), 0);
            return true;
        }
        return false;
    }
}

static void shape_str(char *buf, size_t n, const Tensor *t) {
    size_t at = 0;
    at += (size_t)snprintf(buf + at, n - at, "(");
    for (int d = 0; d < t->ndim && at < n; d++)
        at += (size_t)snprintf(buf + at, n - at, d ? ", %lld" : "%lld", (long long)t->shape[d]);
    if (at < n) at += (size_t)snprintf(buf + at, n - at, t->ndim == 1 ? ",)" : ")");
}

/* ys / xs as a fresh array of doubles (mem_alloc'd, *n elements; *out NULL when n is 0). */
static bool plot_collect(Interp *I, Value v, const char *what, double **out, int64_t *n) {
    *out = NULL;
    *n = 0;
    const Value *items = NULL;
    int64_t len = 0;
    const Tensor *t = NULL;
    const Range *rg = NULL;
    if (IS_A(v, list_class)) {
        items = ((List *)AS_OBJ(v))->items;
        len = ((List *)AS_OBJ(v))->len;
    } else if (IS_A(v, tuple_class)) {
        items = ((Tuple *)AS_OBJ(v))->items;
        len = ((Tuple *)AS_OBJ(v))->len;
    } else if (IS_A(v, range_class)) {
        rg = (const Range *)AS_OBJ(v);
        if (rg->step > 0 && rg->start < rg->stop)
            len = (int64_t)(((uint64_t)rg->stop - (uint64_t)rg->start - 1) / (uint64_t)rg->step + 1);
        else if (rg->step < 0 && rg->start > rg->stop)
            len = (int64_t)(((uint64_t)rg->start - (uint64_t)rg->stop - 1) / (0 - (uint64_t)rg->step) + 1);
        if (len < 0) len = INT64_MAX;
    } else if (IS_TENSOR(v)) {
        t = AS_TENSOR(v);
        if (t->ndim != 1) {
            char sh[160];
            shape_str(sh, sizeof sh, t);
            err_raise(I, EXC_ValueError, "plot() argument '%s' must be 1-D, but got a tensor of shape %s", what, sh);
            err_hint(I, "make it 1-D first, e.g. %s.flatten()", what);
            return false;
        }
        len = t->numel;
    } else {
        err_raise(I, EXC_TypeError, "plot() argument '%s' must be a list, tuple, range or 1-D tensor, not '%s'",
                  what, val_type_name(v));
        return false;
    }
    if (len == 0) return true;
    if (len > PLOT_MAX_POINTS) {
        err_raise(I, EXC_ValueError, "plot() can draw at most %lld points, got %lld",
                  (long long)PLOT_MAX_POINTS, (long long)len);
        return false;
    }
    double *a = mem_alloc(sizeof(double) * (size_t)len);
    if (!a) { err_nomem(I); return false; }
    for (int64_t i = 0; i < len; i++) {
        if (t) a[i] = tensor_get(t, i);
        else if (rg) a[i] = (double)(rg->start + i * rg->step);
        else if (!num_of(items[i], &a[i])) {
            err_raise(I, EXC_TypeError, "plot() argument '%s' must contain numbers, but %s[%lld] is %s",
                      what, what, (long long)i, IS_TENSOR(items[i]) ? "a tensor with more than one element"
                      : val_type_name(items[i]));
            mem_free(a, sizeof(double) * (size_t)len);
            return false;
        }
    }
    *out = a;
    *n = len;
    return true;
}

static bool opt_str(Interp *I, Value v, const char *what, const char **out) {
    *out = NULL;
    if (!given(v)) return true;
    if (!IS_A(v, str_class)) {
        err_raise(I, EXC_TypeError, "plot() argument '%s' must be str or None, not '%s'", what, val_type_name(v));
        return false;
    }
    *out = str_cstr((Str *)AS_OBJ(v));
    return true;
}

static bool opt_size(Interp *I, Value v, const char *what, int lo, int hi, int *out) {
    if (!given(v)) return true;
    if (!IS_INT(v)) {
        err_raise(I, EXC_TypeError, "plot() argument '%s' must be int or None, not '%s'", what, val_type_name(v));
        return false;
    }
    if (v.as.i < lo || v.as.i > hi) {
        err_raise(I, EXC_ValueError, "plot() argument '%s' must be between %d and %d, not %lld", what, lo, hi,
                  (long long)v.as.i);
        return false;
    }
    *out = (int)v.as.i;
    return true;
}

/* Terminal: Unicode, sized to the window (one column spare: some terminals wrap a full line). */
static void plot_terminal(int *w, int *h, bool *uni) {
    *w = PLOT_DEFAULT_WIDTH;
    *h = PLOT_DEFAULT_HEIGHT;
    *uni = false;
    if (!isatty(STDOUT_FILENO)) return;
    const char *term = getenv("TERM");
    *uni = !(term && !strcmp(term, "dumb"));
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        int cw = ws.ws_col - 1;
        *w = cw < PLOT_MIN_WIDTH ? PLOT_MIN_WIDTH : cw > 160 ? 160 : cw;
        if (ws.ws_row > 0) {
            int ch = ws.ws_row - 4;
            *h = ch < 8 ? 8 : ch > 24 ? 24 : ch;
        }
    }
}

static const char *const plot_params[] = {"ys", "xs", "title", "file", "width", "height"};

Value plot_builtin(Interp *I, int argc, const Value *argv, const KwArgs *kw) {
    Value a[6];
    if (!nat_args(I, "plot", argc, argv, kw, 6, plot_params, 1, a)) return VAL_ERR;
    double *ys = NULL, *xs = NULL;
    int64_t ny = 0, nx = 0;
    Value result = VAL_ERR;
    const char *title, *file;
    int w, h;
    bool uni;
    plot_terminal(&w, &h, &uni);
    if (!plot_collect(I, a[0], "ys", &ys, &ny)) goto done;
    if (ny == 0) {
        err_raise(I, EXC_ValueError, "plot() arg is an empty sequence");
        goto done;
    }
    if (given(a[1])) {
        if (!plot_collect(I, a[1], "xs", &xs, &nx)) goto done;
        if (nx != ny) {
            err_raise(I, EXC_ValueError, "x and y must have same first dimension, but have shapes (%lld,) and (%lld,)",
                      (long long)nx, (long long)ny);
            goto done;
        }
    }
    if (!opt_str(I, a[2], "title", &title) || !opt_str(I, a[3], "file", &file)) goto done;
    if (!opt_size(I, a[4], "width", PLOT_MIN_WIDTH, PLOT_MAX_WIDTH, &w) ||
        !opt_size(I, a[5], "height", PLOT_MIN_HEIGHT, PLOT_MAX_HEIGHT, &h))
        goto done;
    bool any = false;
    for (int64_t i = 0; i < ny && !any; i++) any = isfinite(ys[i]) && (!xs || isfinite(xs[i]));
    if (!any) {
        err_raise(I, EXC_ValueError, "plot() needs at least one point where x and y are finite (not nan or inf)");
        goto done;
    }

    PlotSpec spec = {xs, ys, (size_t)ny, title, w, h, uni};
    StrBuf sb;
    sb_init(&sb);
    if (file) {
        if (!plot_render_svg(&sb, &spec)) { sb_free(&sb); err_nomem(I); goto done; }
        FILE *f = fopen(file, "wb");
        if (!f) {
            err_raise(I, EXC_RuntimeError, "[Errno %d] %s: '%s'", errno, strerror(errno), file);
            sb_free(&sb);
            goto done;
        }
        size_t wrote = fwrite(sb.data, 1, sb.len, f);
        int bad = fclose(f) != 0 || wrote != sb.len;
        sb_free(&sb);
        if (bad) {
            err_raise(I, EXC_RuntimeError, "could not write '%s': %s", file, strerror(errno));
            goto done;
        }
    } else {
        if (!plot_render_text(&sb, &spec)) { sb_free(&sb); err_nomem(I); goto done; }
        fwrite(sb.data, 1, sb.len, stdout);
        sb_free(&sb);
    }
    result = VAL_NONE;
done:
    if (ys) mem_free(ys, sizeof(double) * (size_t)ny);
    if (xs) mem_free(xs, sizeof(double) * (size_t)nx);
    return result;
}

const MethodDef plot_builtins[] = {
    {"plot", plot_builtin, "plot(ys, xs=None, title=None, file=None)",
     "Draw ys (against xs) as a line chart in the terminal, or write an SVG with file='loss.svg'."},
    {NULL, NULL, NULL, NULL},
};
