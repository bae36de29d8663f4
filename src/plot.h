/* plot.h — line charts for learners: in the terminal and as SVG (prefix plot_).
 *
 * plot(ys, xs=None, title=None, file=None, width=None, height=None) draws ys against xs
 * (0, 1, 2, ... when xs is None). In a terminal the chart uses Unicode braille dots and
 * box-drawing axes, sized to the window; when stdout is not a terminal it is plain ASCII
 * (`*`, `-`, `|`, `+`) of 72x18 cells, so golden tests see the same bytes every time.
 * With file="loss.svg" it writes a self-contained SVG instead and prints nothing.
 *
 * The renderers below are pure (no interpreter, no I/O) so tests can call them directly. */
#ifndef AG_PLOT_H
#define AG_PLOT_H
#include <stdbool.h>
#include <stddef.h>
#include "value.h"

#define PLOT_DEFAULT_WIDTH 72
#define PLOT_DEFAULT_HEIGHT 18
#define PLOT_MIN_WIDTH 20
#define PLOT_MAX_WIDTH 1000
#define PLOT_MIN_HEIGHT 5
#define PLOT_MAX_HEIGHT 500

typedef struct PlotSpec {
    const double *xs;   /* n x values; NULL means 0, 1, ..., n-1 */
    const double *ys;   /* n y values; a non-finite x or y breaks the line there */
    size_t n;           /* at least one point has finite x and y */
    const char *title;  /* UTF-8, or NULL */
    int width, height;  /* the whole figure in character cells: columns, lines (title and x axis included) */
    bool unicode;       /* braille + box drawing; false: ASCII */
} PlotSpec;

/* Append the text chart (every line ends with '\n', no trailing spaces). false on OOM. */
bool plot_render_text(StrBuf *sb, const PlotSpec *p);
/* Append a self-contained SVG document starting with "<svg". false on OOM. */
bool plot_render_svg(StrBuf *sb, const PlotSpec *p);

/* The builtin itself: returns None or VAL_ERR. */
Value plot_builtin(Interp *I, int argc, const Value *argv, const KwArgs *kw);

/* {plot, NULL}: merged into the builtins module by builtins.c. */
extern const MethodDef plot_builtins[];

#endif
