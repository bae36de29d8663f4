/* diag.h — error reports as the learner reads them (prefix diag_).
 *
 * One formatter for every error: the call chain (most recent call last), each entry with
 * file, line and column and the source line, a caret run under the culprit, then
 * "Kind: message" and an optional hint line:
 *
 *   Traceback (most recent call last):
 *     File "t.ag", line 5, col 1, in <module>
 *       f()
 *       ^^^
 *     File "t.ag", line 2, col 12, in f
 *       return 1/0
 *              ^^^
 *   ZeroDivisionError: division by zero
 *
 * Syntax errors have no chain:
 *     File "t.ag", line 1, col 5
 *       if x
 *           ^
 *   SyntaxError: expected ':'
 *
 * Everything goes to stderr after stdout is flushed, so a script's output and its error
 * appear in order. */
#ifndef AG_DIAG_H
#define AG_DIAG_H
#include <stdio.h>
#include "interp.h"

/* A syntax error found by the lexer or parser. */
typedef struct SyntaxDiag {
    ExcKind kind;   /* EXC_SyntaxError or EXC_IndentationError */
    Span span;
    char *msg;      /* mem_strndup'd */
} SyntaxDiag;

void diag_print_syntax(FILE *f, const Source *src, const SyntaxDiag *d);
/* Print the pending exception of I (with its chain) and clear it. */
void diag_print_error(Interp *I, FILE *f);
/* One report: the call chain (trace[] innermost first, printed outermost first), then
 * "Kind: message" and the hint line. Used for the pending error and for each exception of
 * its __cause__ / __context__ chain. */
void diag_print_report(FILE *f, const TraceEntry *trace, int ntrace, int64_t omitted, const char *name,
                       const char *msg, const char *hint);
/* The source line and caret run for span (shared by both reports and by the tape display). */
void diag_print_excerpt(FILE *f, const Source *src, Span span);
#endif
