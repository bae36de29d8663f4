/* transcript.c — run a doctest-style REPL transcript and compare its output (see transcript.h).
 *
 * Each entry's output is captured by pointing fd 1 and fd 2 at one temporary file (both
 * descriptors share its offset, so stdout and stderr interleave exactly as on a terminal),
 * flushing stdio before and after. */
#include "transcript.h"
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"

/* The source name the REPL gives its entries (repl.c), so that an error report in a
 * transcript reads exactly as in a live session and a session can be pasted in as is. */
#define TRANSCRIPT_SOURCE_NAME "<repl>"

/* ---- lines ------------------------------------------------------------------------- */

typedef struct Line { const char *s; size_t n; } Line;
typedef struct Lines { Line *v; size_t n, cap; bool oom; } Lines;

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static size_t rstrip_len(const char *s, size_t n) {
    while (n > 0 && is_blank(s[n - 1])) n--;
    return n;
}

static void lines_push(Lines *ls, const char *s, size_t n) {
    if (ls->oom) return;
    if (ls->n == ls->cap) {
        size_t ncap = ls->cap ? ls->cap * 2 : 16;
        Line *v = mem_realloc(ls->v, sizeof(Line) * ls->cap, sizeof(Line) * ncap);
        if (!v) { ls->oom = true; return; }
        ls->v = v;
        ls->cap = ncap;
    }
    ls->v[ls->n++] = (Line){s, n};
}

static void lines_free(Lines *ls) {
    mem_free(ls->v, sizeof(Line) * ls->cap);
    memset(ls, 0, sizeof *ls);
}

/* Split output into lines with trailing whitespace removed and trailing blank lines dropped:
 * the differences a reader cannot see do not fail a transcript. */
static void split_output(Lines *ls, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        lines_push(ls, s + i, rstrip_len(s + i, end - i));
        i = end + 1;
    }
    while (ls->n > 0 && ls->v[ls->n - 1].n == 0) ls->n--;
}

static bool line_eq(Line a, Line b) { return a.n == b.n && memcmp(a.s, b.s, a.n) == 0; }

/* ---- the diff ---------------------------------------------------------------------- */

static void put_line(FILE *f, char mark, Line l) {
    fputc(mark, f);
    fwrite(l.s, 1, l.n, f);
    fputc('\n', f);
}

/* A line diff by longest common subsequence (outputs of one entry are short); beyond a
 * size limit, all expected lines then all actual lines. */
static void print_diff(FILE *f, const Lines *a, const Lines *b) {
    fputs("--- expected\n+++ actual\n", f);
    size_t n = a->n, m = b->n;
    uint32_t *L = NULL;
    size_t cells = (n + 1) * (m + 1);
    if (n < 4096 && m < 4096 && cells <= ((size_t)1 << 22)) L = mem_calloc(cells, sizeof(uint32_t));
    if (!L) {
        for (size_t i = 0; i < n; i++) put_line(f, '-', a->v[i]);
        for (size_t j = 0; j < m; j++) put_line(f, '+', b->v[j]);
        return;
    }
#define AT(i, j) L[(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            AT(i, j) = line_eq(a->v[i], b->v[j]) ? AT(i + 1, j + 1) + 1
                       : AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n && j < m) {
        if (line_eq(a->v[i], b->v[j])) { put_line(f, ' ', a->v[i]); i++; j++; }
        else if (AT(i + 1, j) >= AT(i, j + 1)) put_line(f, '-', a->v[i++]);
        else put_line(f, '+', b->v[j++]);
    }
    while (i < n) put_line(f, '-', a->v[i++]);
    while (j < m) put_line(f, '+', b->v[j++]);
#undef AT
    mem_free(L, cells * sizeof(uint32_t));
}

/* ---- capturing fd 1 and fd 2 ----------------------------------------------------------- */

typedef struct Capture {
    FILE *tmp;
    int fd, save_out, save_err;
} Capture;

static bool capture_open(Capture *c, FILE *report) {
    c->tmp = tmpfile();
    if (!c->tmp) {
        fprintf(report, "transcript: cannot create a temporary file: %s\n", strerror(errno));
        return false;
    }
    c->fd = fileno(c->tmp);
    return true;
}

static void capture_close(Capture *c) {
    if (c->tmp) fclose(c->tmp);
    c->tmp = NULL;
}

static bool capture_begin(Capture *c, FILE *report) {
    fflush(stdout);
    fflush(stderr);
    if (ftruncate(c->fd, 0) != 0 || lseek(c->fd, 0, SEEK_SET) != 0) goto fail;
    c->save_out = dup(STDOUT_FILENO);
    c->save_err = dup(STDERR_FILENO);
    if (c->save_out < 0 || c->save_err < 0) goto fail_dup;
    if (dup2(c->fd, STDOUT_FILENO) < 0 || dup2(c->fd, STDERR_FILENO) < 0) goto fail_dup;
    return true;
fail_dup:
    if (c->save_out >= 0) { dup2(c->save_out, STDOUT_FILENO); close(c->save_out); }
    if (c->save_err >= 0) { dup2(c->save_err, STDERR_FILENO); close(c->save_err); }
fail:
    fprintf(report, "transcript: cannot capture output: %s\n", strerror(errno));
    return false;
}

/* Restore fd 1 and 2 and read what the entry wrote. */
static void capture_end(Capture *c, StrBuf *out) {
    fflush(stdout);
    fflush(stderr);
    dup2(c->save_out, STDOUT_FILENO);
    dup2(c->save_err, STDERR_FILENO);
    close(c->save_out);
    close(c->save_err);
    if (lseek(c->fd, 0, SEEK_SET) != 0) return;
    char buf[4096];
    for (;;) {
        ssize_t got = read(c->fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        sb_putn(out, buf, (size_t)got);
    }
}

/* ---- entries ---------------------------------------------------------------------------- */

typedef struct Entry {
    int line;              /* of its ">>> " in the file */
    const char *src;       /* its prompt lines, as written */
    size_t src_len;
    StrBuf code, expected;
} Entry;

typedef struct Check {
    Interp *I;
    const char *path;
    FILE *report;
    Capture cap;
    int failed;
    bool broken;           /* capture failed or out of memory: stop */
    bool interrupted;
} Check;

static const char incomplete_note[] =
    "(the entry is incomplete: it ends inside an open block, bracket or string)\n";

static void run_entry(Check *ck, Entry *e) {
    StrBuf actual;
    sb_init(&actual);
    if (e->code.oom || e->expected.oom) { ck->broken = true; goto out; }
    if (!capture_begin(&ck->cap, ck->report)) { ck->broken = true; goto out; }
    RunStatus st = interp_exec(ck->I, TRANSCRIPT_SOURCE_NAME, e->code.data, e->code.len, EXEC_REPL);
    if (st == RUN_INCOMPLETE) {
        /* doctest style: the blank line that closes a block in the REPL may be left out */
        sb_putc(&e->code, '\n');
        if (!e->code.oom) st = interp_exec(ck->I, TRANSCRIPT_SOURCE_NAME, e->code.data, e->code.len, EXEC_REPL);
    }
    capture_end(&ck->cap, &actual);
    if (st == RUN_INCOMPLETE) sb_puts(&actual, incomplete_note);
    if (st == RUN_INTERRUPTED) ck->interrupted = true;
    if (actual.oom) { ck->broken = true; goto out; }

    Lines want = {0}, got = {0};
    split_output(&want, e->expected.data ? e->expected.data : "", e->expected.len);
    split_output(&got, actual.data ? actual.data : "", actual.len);
    if (want.oom || got.oom) {
        ck->broken = true;
    } else {
        bool same = want.n == got.n;
        for (size_t i = 0; same && i < want.n; i++) same = line_eq(want.v[i], got.v[i]);
        if (!same) {
            ck->failed++;
            fprintf(ck->report, "%s:%d: output differs\n", ck->path, e->line);
            fwrite(e->src, 1, e->src_len, ck->report);
            if (e->src_len && e->src[e->src_len - 1] != '\n') fputc('\n', ck->report);
            print_diff(ck->report, &want, &got);
        }
    }
    lines_free(&want);
    lines_free(&got);
out:
    sb_free(&actual);
}

/* ">>> code" or ">>>" alone; *code receives what follows the prompt. */
static bool prompt_line(const char *s, size_t n, const char *prompt, const char **code, size_t *clen) {
    if (n >= 4 && memcmp(s, prompt, 3) == 0 && s[3] == ' ') {
        *code = s + 4;
        *clen = n - 4;
        return true;
    }
    if (rstrip_len(s, n) == 3 && memcmp(s, prompt, 3) == 0) {
        *code = s + 3;
        *clen = 0;
        return true;
    }
    return false;
}

int transcript_check(Interp *I, const char *path, const char *text, size_t len, FILE *report) {
    Check ck = {I, path, report, {0}, 0, false, false};
    if (!capture_open(&ck.cap, report)) return -1;
    enum { NONE, CODE, OUTPUT } state = NONE;
    Entry e = {0};
    sb_init(&e.code);
    sb_init(&e.expected);
    int lineno = 0;
    size_t i = 0;
    while (i < len && !ck.broken && !ck.interrupted) {
        const char *s = text + i;
        const char *nl = memchr(s, '\n', len - i);
        size_t n = nl ? (size_t)(nl - s) : len - i;
        size_t next = i + n + (nl ? 1 : 0);
        lineno++;
        const char *code;
        size_t clen;
        if (prompt_line(s, n, ">>>", &code, &clen)) {
            if (state != NONE) run_entry(&ck, &e);
            sb_free(&e.code);
            sb_free(&e.expected);
            e.line = lineno;
            e.src = s;
            e.src_len = next - i;
            sb_putn(&e.code, code, rstrip_len(code, clen) ? clen : 0);
            if (e.code.len && e.code.data[e.code.len - 1] == '\r') e.code.len--, e.code.data[e.code.len] = 0;
            sb_putc(&e.code, '\n');
            state = CODE;
        } else if (state == CODE && prompt_line(s, n, "...", &code, &clen)) {
            if (rstrip_len(code, clen) == 0) clen = 0;
            else if (code[clen - 1] == '\r') clen--;
            sb_putn(&e.code, code, clen);
            sb_putc(&e.code, '\n');
            e.src_len = next - (size_t)(e.src - text);
        } else if (state != NONE) {
            state = OUTPUT;
            sb_putn(&e.expected, s, n);
            sb_putc(&e.expected, '\n');
        }
        i = next;
    }
    if (state != NONE && !ck.broken && !ck.interrupted) run_entry(&ck, &e);
    sb_free(&e.code);
    sb_free(&e.expected);
    capture_close(&ck.cap);
    if (ck.interrupted) {
        fprintf(report, "%s: interrupted at line %d\n", path, e.line);
        return ck.failed + 1;
    }
    if (ck.broken) {
        fprintf(report, "%s: stopped at line %d (out of memory or output not capturable)\n", path, e.line);
        return ck.failed ? ck.failed : -1;
    }
    return ck.failed;
}
