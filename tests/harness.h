/* harness.h — shared by the Criterion suites that run ag code: capture what the code prints
 * on fd 1 and fd 2 (stdout and stderr), so a test can compare it. Header-only because the
 * unit binary is built from tests/test_*.c alone. */
#ifndef AG_TEST_HARNESS_H
#define AG_TEST_HARNESS_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct Capture {
    FILE *out, *err;  /* temporary files standing in for fd 1 and fd 2 */
    int saved_out, saved_err;
} Capture;

/* A whole temporary file as a malloc'd string. */
static inline char *capture_slurp(FILE *f) {
    fflush(f);
    fseek(f, 0, SEEK_END); /* the writes went through the shared fd, not this FILE */
    long n = ftell(f);
    rewind(f);
    char *s = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
    if (s && n > 0 && fread(s, 1, (size_t)n, f) != (size_t)n) s[0] = 0;
    return s;
}

/* From here on, fd 1 and fd 2 go to temporary files. */
static inline void capture_begin(Capture *c) {
    fflush(stdout);
    fflush(stderr);
    c->out = tmpfile();
    c->err = tmpfile();
    c->saved_out = dup(1);
    c->saved_err = dup(2);
    dup2(fileno(c->out), 1);
    dup2(fileno(c->err), 2);
}

/* Restore fd 1 and 2; *out and *err (malloc'd, either may be NULL to discard) get what was printed. */
static inline void capture_end(Capture *c, char **out, char **err) {
    fflush(stdout);
    fflush(stderr);
    dup2(c->saved_out, 1);
    dup2(c->saved_err, 2);
    close(c->saved_out);
    close(c->saved_err);
    char *o = capture_slurp(c->out), *e = capture_slurp(c->err);
    fclose(c->out);
    fclose(c->err);
    if (out) *out = o; else free(o);
    if (err) *err = e; else free(e);
}
#endif
