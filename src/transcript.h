/* transcript.h — check a REPL transcript, doctest style (prefix transcript_).
 *
 * A transcript is what a learner sees in the REPL:
 *
 *     >>> x = 3
 *     >>> def double(n):
 *     ...     return 2 * n
 *     ...
 *     >>> double(x)
 *     6
 *
 * A line starting ">>> " begins an entry; the "... " lines right after it continue it (">>>" or
 * "..." alone is an empty line of code). Every other line up to the next ">>> " is the expected
 * output of that entry: stdout and stderr together, as the terminal shows them (error reports
 * included). Lines before the first ">>> " are prose and ignored. Trailing whitespace on a line
 * and blank lines at the end of an entry's output do not matter.
 *
 * `agrepl --check FILE.txt` uses this: every entry runs in one session (variables carry over). */
#ifndef AG_TRANSCRIPT_H
#define AG_TRANSCRIPT_H
#include <stddef.h>
#include <stdio.h>
#include "interp.h"

/* Run every entry of `text` with interp_exec(I, "<repl>", code, n, EXEC_REPL) — the name a live
 * REPL session gives its entries, so tracebacks read `File "<repl>", line 1, ...` as the learner
 * sees them — capturing fd 1 and fd 2, and compare with the expected output. `path` names the
 * transcript in the report. For each mismatch, print the entry (with its line
 * in `path`), then the expected and actual output as a unified-style line diff, to `report`.
 * Returns the number of mismatching entries (0: all passed), or -1 when the output could not be
 * captured at all (the reason is printed to `report`). */
int transcript_check(Interp *I, const char *path, const char *text, size_t len, FILE *report);

#endif
