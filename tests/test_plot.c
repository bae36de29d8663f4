/* test_plot.c — plot(): the ASCII chart byte for byte, the Unicode chart, SVG, and the
 * builtin's argument errors. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "interp.h"
#include "mem.h"
#include "plot.h"

TestSuite(plot, .timeout = 10.0);

static char *render(const PlotSpec *p, bool svg) {
    StrBuf sb;
    sb_init(&sb);
    cr_assert(svg ? plot_render_svg(&sb, p) : plot_render_text(&sb, p));
    char *s = strdup(sb.data ? sb.data : "");
    sb_free(&sb);
    return s;
}

static const double squares[] = {1, 4, 9, 16, 25};

Test(plot, ascii_exact) {
    PlotSpec p = {NULL, squares, 5, NULL, 40, 12, false};
    char *got = render(&p, false);
    /* checked by eye: points at columns 0, 9, 18, 26, 35 and rows 9, 8, 6, 3, 0 of 36x10 cells,
     * joined by lines; labels max, min and the nice values 10 and 20 on their rows. */
    const char *want =
        "25 +                                  **\n"
        "   |                               ***\n"
        "20 +                            ***\n"
        "   |                         ***\n"
        "   |                      ***\n"
        "   |                    **\n"
        "10 +                ****\n"
        "   |            ****\n"
        "   |     *******\n"
        " 1 +*****\n"
        "   +------------------------------------\n"
        "    0                                  4\n";
    cr_assert_str_eq(got, want);
    free(got);
}

Test(plot, ascii_title_centred) {
    PlotSpec p = {NULL, squares, 5, "squares", 30, 8, false};
    char *got = render(&p, false);
    const char *want =
        "             squares\n"
        "25 +                        **\n"
        "   |                     ***\n"
        "   |                *****\n"
        "   |          ******\n"
        " 1 +**********\n"
        "   +--------------------------\n"
        "    0                        4\n";
    cr_assert_str_eq(got, want);
    free(got);
}

Test(plot, ascii_is_deterministic_and_sized) {
    double ys[50];
    for (int i = 0; i < 50; i++) ys[i] = exp(-i / 10.0) + 0.01 * sin(i);
    PlotSpec p = {NULL, ys, 50, "loss", PLOT_DEFAULT_WIDTH, PLOT_DEFAULT_HEIGHT, false};
    char *a = render(&p, false), *b = render(&p, false);
    cr_assert_str_eq(a, b);
    int lines = 0;
    for (char *s = a; *s; s++) {
        cr_assert((unsigned char)*s < 0x80, "ASCII only");
        if (*s == '\n') {
            lines++;
            cr_assert(s == a || s[-1] != ' ', "no trailing spaces");
        }
    }
    cr_assert_eq(lines, PLOT_DEFAULT_HEIGHT);
    for (char *line = a; *line;) {
        char *nl = strchr(line, '\n');
        cr_assert_leq(nl - line, PLOT_DEFAULT_WIDTH);
        line = nl + 1;
    }
    free(a);
    free(b);
}

Test(plot, xs_and_gaps) {
    /* a nan breaks the line: the two halves are not joined across x = 0 */
    double xs[] = {-2, -1, 0, 1, 2}, ys[] = {4, 1, NAN, 1, 4};
    PlotSpec p = {xs, ys, 5, NULL, 30, 8, false};
    char *got = render(&p, false);
    const char *want =
        "4 +*                         *\n"
        "  | **                      *\n"
        "  |   *                   **\n"
        "2 +    *                 *\n"
        "  |     **              *\n"
        "1 +       *            *\n"
        "  +---------------------------\n"
        "   -2                        2\n";
    cr_assert_str_eq(got, want);
    free(got);
}

Test(plot, flat_series_and_one_point) {
    double ys[] = {5, 5, 5};
    PlotSpec p = {NULL, ys, 3, NULL, 30, 8, false};
    char *got = render(&p, false);
    cr_assert(strstr(got, "5 +****") != NULL, "%s", got);
    free(got);
    PlotSpec q = {NULL, ys, 1, NULL, 30, 8, false};
    got = render(&q, false);
    cr_assert(strchr(got, '*') != NULL, "%s", got);
    free(got);
}

Test(plot, unicode_uses_braille_and_box) {
    PlotSpec p = {NULL, squares, 5, NULL, 40, 12, true};
    char *got = render(&p, false);
    cr_assert(strstr(got, "\u2524") && strstr(got, "\u2502") && strstr(got, "\u2514") && strstr(got, "\u2500"));
    cr_assert(strstr(got, "\xE2\xA0") || strstr(got, "\xE2\xA1") || strstr(got, "\xE2\xA2") ||
              strstr(got, "\xE2\xA3"), "braille cells");
    cr_assert(strchr(got, '*') == NULL);
    free(got);
}

static int count_points(const char *svg) {
    const char *pl = strstr(svg, "<polyline");
    cr_assert(pl != NULL);
    const char *pts = strstr(pl, "points=\"");
    cr_assert(pts != NULL);
    pts += 8;
    int n = 0;
    for (const char *s = pts; *s && *s != '"'; s++)
        if (*s == ',') n++;
    return n;
}

Test(plot, svg_render) {
    double ys[7] = {3, 1, 4, 1, 5, 9, 2};
    PlotSpec p = {NULL, ys, 7, "pi & <digits>", 72, 18, false};
    char *svg = render(&p, true);
    cr_assert(strncmp(svg, "<svg", 4) == 0);
    cr_assert(strstr(svg, "</svg>\n") != NULL);
    cr_assert_eq(count_points(svg), 7);
    cr_assert(strstr(svg, "pi &amp; &lt;digits&gt;") != NULL);
    cr_assert(strstr(svg, ">9<") || strstr(svg, ">8<"), "y tick labels");
    free(svg);
}

/* ---- through the builtin ---------------------------------------------------------------- */

static Interp *I;
static void setup(void) {
    I = interp_new(0, NULL);
    cr_assert(I != NULL);
    char here;
    I->stack_base = &here;
    I->stack_budget = 1 << 20;
}
static void teardown(void) { interp_free(I); }

static Value list_of(const double *v, int n) {
    List *l = list_new(I, n);
    for (int i = 0; i < n; i++) list_append(I, l, val_float(v[i]));
    return val_obj(l);
}

Test(plot, builtin_writes_svg_file, .init = setup, .fini = teardown) {
    char path[] = "/tmp/agrepl-plot-XXXXXX.svg";
    int fd = mkstemps(path, 4);
    cr_assert(fd >= 0);
    close(fd);
    Value ys = list_of(squares, 5);
    Str *kname = str_intern(I, "file", 4);
    Value kval = val_str(I, path, strlen(path));
    KwArgs kw = {1, &kname, &kval};
    Value r = plot_builtin(I, 1, &ys, &kw);
    cr_assert(IS_NONE(r), "plot(file=...) returns None");
    FILE *f = fopen(path, "rb");
    cr_assert(f != NULL);
    char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    unlink(path);
    cr_assert(strncmp(buf, "<svg", 4) == 0);
    cr_assert_eq(count_points(buf), 5);
    val_decref(ys);
    val_decref(kval);
    obj_decref(&kname->h);
}

Test(plot, builtin_errors, .init = setup, .fini = teardown) {
    Value empty = val_obj(list_new(I, 0));
    cr_assert(IS_ERR(plot_builtin(I, 1, &empty, NULL)));
    cr_assert(err_is(I, EXC_ValueError));
    cr_assert_str_eq(I->err.msg, "plot() arg is an empty sequence");
    err_clear(I);

    List *l = list_new(I, 2);
    list_append(I, l, val_int(1));
    Value s = val_str(I, "a", 1);
    list_append(I, l, s);
    val_decref(s);
    Value lv = val_obj(l);
    cr_assert(IS_ERR(plot_builtin(I, 1, &lv, NULL)));
    cr_assert(err_is(I, EXC_TypeError));
    cr_assert_str_eq(I->err.msg, "plot() argument 'ys' must contain numbers, but ys[1] is str");
    err_clear(I);

    Value three = val_int(3);
    cr_assert(IS_ERR(plot_builtin(I, 1, &three, NULL)));
    cr_assert(err_is(I, EXC_TypeError));
    err_clear(I);

    Value xs = list_of(squares, 3), args[2] = {lv, xs};
    val_decref(l->items[1]);
    l->items[1] = val_int(2); /* now numeric: [1, 2] against 3 xs */
    cr_assert(IS_ERR(plot_builtin(I, 2, args, NULL)));
    cr_assert(err_is(I, EXC_ValueError));
    cr_assert_str_eq(I->err.msg, "x and y must have same first dimension, but have shapes (3,) and (2,)");
    err_clear(I);
    val_decref(xs);
    val_decref(lv);
    val_decref(empty);
}

Test(plot, builtin_prints_ascii_when_not_a_terminal, .init = setup, .fini = teardown) {
    char path[] = "/tmp/agrepl-plot-out-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    fflush(stdout);
    int save = dup(1);
    dup2(fd, 1);
    Value ys = list_of(squares, 5);
    Value r = plot_builtin(I, 1, &ys, NULL);
    fflush(stdout);
    dup2(save, 1);
    close(save);
    cr_assert(IS_NONE(r));
    char buf[8192];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    unlink(path);
    cr_assert(n > 0);
    buf[n] = 0;
    int lines = 0;
    for (char *s = buf; *s; s++) lines += *s == '\n';
    cr_assert_eq(lines, PLOT_DEFAULT_HEIGHT, "%s", buf);
    cr_assert(strstr(buf, "25 +") != NULL && strstr(buf, " 1 +") != NULL, "%s", buf);
    val_decref(ys);
}
