/* test_transcript.c — doctest-style REPL transcripts: passing, failing with a diff, errors
 * captured from stderr in order with stdout, and state carried across entries. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "interp.h"
#include "transcript.h"

TestSuite(transcript, .timeout = 10.0);

static Interp *I;
static void setup(void) {
    I = interp_new(0, NULL);
    cr_assert(I != NULL);
    char here;
    I->stack_base = &here;
    I->stack_budget = 1 << 20;
}
static void teardown(void) { interp_free(I); }

/* Run a transcript; *report receives what transcript_check printed (malloc'd). */
static int check(const char *text, char **report) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert(f != NULL);
    int r = transcript_check(I, "<t>", text, strlen(text), f);
    fclose(f);
    *report = buf;
    return r;
}

Test(transcript, passes_and_keeps_state, .init = setup, .fini = teardown) {
    const char *t =
        "Prose before the first prompt is ignored.\n"
        ">>> x = 20\n"
        ">>> def f(n):\n"
        "...     return n + 1\n"
        "...\n"
        ">>> f(x)   \n"
        "21   \n"
        "\n"
        ">>> for i in range(2):\n"
        "...     print(i)\n"
        "0\n"
        "1\n"
        ">>> None\n"
        ">>>\n"
        ">>> 'a' + 'b'\n"
        "'ab'\n";
    char *rep;
    int r = check(t, &rep);
    cr_assert_eq(r, 0, "%s", rep);
    cr_assert_str_eq(rep, "");
    free(rep);
}

Test(transcript, mismatch_is_reported_with_a_diff, .init = setup, .fini = teardown) {
    const char *t =
        ">>> 1 + 1\n"
        "2\n"
        ">>> print('a'); print('b')\n"
        "a\n"
        "c\n"
        ">>> 2 * 3\n"
        "6\n";
    char *rep;
    int r = check(t, &rep);
    cr_assert_eq(r, 1, "%s", rep);
    cr_assert_str_eq(rep,
                     "<t>:3: output differs\n"
                     ">>> print('a'); print('b')\n"
                     "--- expected\n"
                     "+++ actual\n"
                     " a\n"
                     "-c\n"
                     "+b\n");
    free(rep);
}

Test(transcript, errors_are_captured_in_order, .init = setup, .fini = teardown) {
    const char *t =
        ">>> print('before'); 1/0\n"
        "before\n"
        "Traceback (most recent call last):\n"
        "  File \"<repl>\", line 1, col 18, in <module>\n"
        "    print('before'); 1/0\n"
        "                     ^^^\n"
        "ZeroDivisionError: division by zero\n"
        ">>> y = 5\n"
        ">>> y\n"
        "5\n";
    char *rep;
    int r = check(t, &rep);
    cr_assert_eq(r, 0, "%s", rep);
    free(rep);
}

Test(transcript, missing_output_and_extra_output, .init = setup, .fini = teardown) {
    const char *t =
        ">>> 7\n"
        ">>> z = 1\n"
        "1\n";
    char *rep;
    int r = check(t, &rep);
    cr_assert_eq(r, 2, "%s", rep);
    cr_assert(strstr(rep, "<t>:1: output differs\n>>> 7\n--- expected\n+++ actual\n+7\n") != NULL, "%s", rep);
    cr_assert(strstr(rep, "<t>:2: output differs\n>>> z = 1\n--- expected\n+++ actual\n-1\n") != NULL, "%s", rep);
    free(rep);
}
