/* diag.c — pending exceptions (err_) and every error report the learner sees (diag_).
 * See diag.h for the report's shape. */
#include "diag.h"
#include <stdarg.h>
#include <string.h>
#include "mem.h"
#include "exc.h"

const char *const exc_name[EXC__COUNT] = {
#define EXC(name, parent) #name,
#include "exc.def"
#undef EXC
};

static const ExcKind exc_parent[EXC__COUNT] = {
#define EXC(name, parent) EXC_##parent,
#include "exc.def"
#undef EXC
};

volatile sig_atomic_t ag_interrupted;

bool exc_matches(ExcKind kind, ExcKind base) {
    for (;;) {
        if (kind == base) return true;
        if (exc_parent[kind] == kind) return false;
        kind = exc_parent[kind];
    }
}

static void err_reset(Err *e) {
    val_decref(e->exc);
    mem_strfree(e->msg);
    mem_strfree(e->hint);
    for (int i = 0; i < e->ntrace; i++) {
        src_decref(e->trace[i].src);
        if (e->trace[i].func) obj_decref(&e->trace[i].func->h);
    }
    mem_free(e->trace, sizeof(TraceEntry) * (size_t)e->cap);
    memset(e, 0, sizeof *e);
}

/* The MemoryError text is static so that reporting it allocates nothing. */
static char nomem_msg[] = "out of memory";

Value err_nomem(Interp *I) {
    Err *e = &I->err;
    err_reset(e);
    e->pending = true;
    e->kind = EXC_MemoryError;
    e->msg = NULL; /* printed as nomem_msg */
    return VAL_ERR;
}

static char *vformat(const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *s = mem_alloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

Value err_raise(Interp *I, ExcKind kind, const char *fmt, ...) {
    Err *e = &I->err;
    err_reset(e);
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    if (!msg) return err_nomem(I);
    e->pending = true;
    e->kind = kind;
    e->msg = msg;
    return VAL_ERR;
}

Value err_hint(Interp *I, const char *fmt, ...) {
    Err *e = &I->err;
    if (!e->pending) return VAL_ERR;
    va_list ap;
    va_start(ap, fmt);
    char *h = vformat(fmt, ap);
    va_end(ap);
    if (h) {
        mem_strfree(e->hint);
        e->hint = h;
    }
    return VAL_ERR;
}

bool err_pending(Interp *I) { return I->err.pending; }
bool err_is(Interp *I, ExcKind base) { return I->err.pending && exc_matches(I->err.kind, base); }
void err_clear(Interp *I) { err_reset(&I->err); }

/* A RecursionError unwinds through thousands of frames; keeping them all would cost far
 * more memory than the report is worth. Past the cap the middle frames are counted, and the
 * last slot keeps being overwritten so the outermost frame (<module>) is still shown. */
#define TRACE_CAP 1024

void err_add_trace(Interp *I, Source *src, Span span, Str *func) {
    Err *e = &I->err;
    if (!e->pending || !src) return;
    if (e->ntrace == TRACE_CAP) {
        TraceEntry *last = &e->trace[TRACE_CAP - 1];
        src_decref(last->src);
        if (last->func) obj_decref(&last->func->h);
        e->ntrace--;
        e->omitted++;
    }
    if (e->ntrace == e->cap) {
        int ncap = e->cap ? e->cap * 2 : 8;
        TraceEntry *t = mem_realloc(e->trace, sizeof(TraceEntry) * (size_t)e->cap,
                                    sizeof(TraceEntry) * (size_t)ncap);
        if (!t) return; /* the chain is a courtesy: lose a line rather than the error */
        e->trace = t;
        e->cap = ncap;
    }
    src_incref(src);
    if (func) obj_incref(&func->h);
    e->trace[e->ntrace++] = (TraceEntry){src, span, func};
    e->located = true;
}

/* ---- printing --------------------------------------------------------------------- */

/* The line is printed with its indentation stripped, as CPython does, and the caret run
 * shifted to match. A span over several lines underlines to the end of the first. */
void diag_print_excerpt(FILE *f, const Source *src, Span span) {
    size_t len;
    const char *line = src ? src_line(src, span.line, &len) : NULL;
    if (!line) return;
    /* strip leading and trailing whitespace */
    size_t start = 0;
    while (start < len && (line[start] == ' ' || line[start] == '\t' || line[start] == '\f')) start++;
    while (len > start && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r')) len--;
    if (start >= len) return;
    fprintf(f, "    %.*s\n", (int)(len - start), line + start);
    int lead = (int)start; /* the stripped prefix is whitespace: one column per byte */
    int ncp = 0; /* code points in the printed part */
    for (size_t i = start; i < len; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80) ncp++;
    int c0 = span.col - 1 - lead;
    int c1 = (span.end_line == span.line) ? span.end_col - 1 - lead : ncp;
    if (c0 < 0) c0 = 0;
    if (c0 > ncp) c0 = ncp;
    if (c1 > ncp) c1 = ncp;
    if (c1 <= c0) c1 = c0 + 1;
    fputs("    ", f);
    for (int i = 0; i < c0; i++) fputc(' ', f);
    for (int i = c0; i < c1; i++) fputc('^', f);
    fputc('\n', f);
}

void diag_print_syntax(FILE *f, const Source *src, const SyntaxDiag *d) {
    fflush(stdout);
    fprintf(f, "  File \"%s\", line %d, col %d\n", src ? src->name : "?", d->span.line, d->span.col);
    diag_print_excerpt(f, src, d->span);
    fprintf(f, "%s: %s\n", exc_name[d->kind], d->msg ? d->msg : "invalid syntax");
    fflush(f);
}

void diag_print_report(FILE *f, const TraceEntry *trace, int ntrace, int64_t omitted, const char *name,
                       const char *msg, const char *hint) {
    if (ntrace > 0) {
        fputs("Traceback (most recent call last):\n", f);
        /* trace[] was filled innermost first; print outermost first. Like CPython, a run of
         * identical entries (recursion) prints three times, then a count. */
        int64_t repeated = 0;
        for (int i = ntrace - 1; i >= 0; i--) {
            const TraceEntry *t = &trace[i];
            const TraceEntry *prev = i < ntrace - 1 ? &trace[i + 1] : NULL;
            bool same = prev && prev->src == t->src && prev->span.line == t->span.line &&
                        prev->span.col == t->span.col && prev->func == t->func;
            if (!same) {
                if (repeated > 3) fprintf(f, "  [Previous line repeated %lld more times]\n", (long long)(repeated - 3));
                repeated = 0;
            }
            repeated++;
            if (repeated <= 3) {
                fprintf(f, "  File \"%s\", line %d, col %d, in %s\n", t->src->name, t->span.line,
                        t->span.col, t->func ? str_cstr(t->func) : "<module>");
                diag_print_excerpt(f, t->src, t->span);
            }
            if (i == ntrace - 2) repeated += omitted; /* the frames not kept sit here */
        }
        if (repeated > 3) fprintf(f, "  [Previous line repeated %lld more times]\n", (long long)(repeated - 3));
    }
    if (msg && *msg)
        fprintf(f, "%s: %s\n", name, msg);
    else
        fprintf(f, "%s\n", name);
    if (hint) fprintf(f, "hint: %s\n", hint);
}

void diag_print_error(Interp *I, FILE *f) {
    Err *e = &I->err;
    if (!e->pending) return;
    fflush(stdout);
    /* the exceptions it was raised while handling, or from, come first (exc.c) */
    if (!IS_UNDEF(e->exc)) {
        Err saved = *e; /* printing the chain may call str(); keep this error apart meanwhile */
        memset(e, 0, sizeof *e);
        exc_print_chain(I, f, saved.exc);
        err_reset(e);
        *e = saved;
    }
    const char *msg = e->kind == EXC_MemoryError && !e->msg ? nomem_msg : e->msg;
    /* an ag-defined exception class prints its own name */
    char buf[256];
    const char *name = IS_UNDEF(e->exc) ? exc_name[e->kind] : exc_report_name(I, e->exc, buf, sizeof buf);
    diag_print_report(f, e->trace, e->ntrace, e->omitted, name, msg, e->hint);
    fflush(f);
    err_reset(e);
}
