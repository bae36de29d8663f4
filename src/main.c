/* main.c — the command line (SPEC §2): run a file, -c CODE, -i FILE, - or piped stdin,
 * --check FILE... (golden tests), --help, --version, or start the REPL.
 *
 * The interpreter runs on a thread with a large stack so that the evaluator's own depth
 * limits (RecursionError at 1000 calls, parser nesting) are always reached long before the
 * C stack ends, also under AddressSanitizer whose frames are several times larger. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "interp.h"
#include "mem.h"
#include "repl.h"
#include "transcript.h"

#define AG_VERSION "0.1.0"
#define EVAL_STACK_BYTES ((size_t)512 << 20)

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2, EXIT_INTERRUPT = 130 };

static const char usage_text[] =
    "usage: agrepl [FILE [ARGS...]]   run a script (.ag or .py), or start the REPL\n"
    "       agrepl -c CODE [ARGS...]  run CODE\n"
    "       agrepl -i FILE [ARGS...]  run FILE, then stay in the REPL with its variables\n"
    "       agrepl - [ARGS...]        read the program from stdin (also when stdin is a pipe)\n"
    "       agrepl --check FILE...    golden tests: run each FILE, compare its output (stdout\n"
    "                                 and stderr) with FILE's .out, print a unified diff on\n"
    "                                 mismatch; exit 1 if any differ\n"
    "       agrepl --help | --version\n"
    "exit status: 0 ok, 1 uncaught error, 2 bad usage, 130 interrupted (Ctrl-C)\n";

/* Read a whole stream; NULL on error. Plain malloc: these buffers never reach the evaluator's funnel. */
static char *slurp(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n + 4096 > cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f) && errno == EINTR) { clearerr(f); continue; }
            break;
        }
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = slurp(f, len);
    fclose(f);
    return s;
}

static int status_exit(RunStatus st) {
    switch (st) {
    case RUN_OK: return EXIT_OK;
    case RUN_INTERRUPTED: return EXIT_INTERRUPT;
    default: return EXIT_ERROR;
    }
}

static void on_sigint(int sig) {
    (void)sig;
    ag_interrupted = 1;
}

/* ---- --check: golden tests ---------------------------------------------------------- */

/* FILE.ag -> FILE.out (any suffix is replaced; no suffix gets .out appended). */
static char *expected_path(const char *file) {
    const char *slash = strrchr(file, '/');
    const char *dot = strrchr(file, '.');
    size_t stem = (dot && (!slash || dot > slash)) ? (size_t)(dot - file) : strlen(file);
    char *p = malloc(stem + 5);
    if (!p) return NULL;
    memcpy(p, file, stem);
    strcpy(p + stem, ".out");
    return p;
}

/* Run `self FILE` with stdout and stderr into one pipe, as a learner's terminal shows them. */
static char *run_capture(const char *self, const char *file, size_t *len) {
    int fd[2];
    if (pipe(fd) != 0) return NULL;
    pid_t pid = fork();
    if (pid < 0) { close(fd[0]); close(fd[1]); return NULL; }
    if (pid == 0) {
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        execl(self, self, file, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *f = fdopen(fd[0], "rb");
    char *out = f ? slurp(f, len) : NULL;
    if (f) fclose(f); else close(fd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    return out;
}

static int write_tmp(char *tmpl, const char *data, size_t len) {
    int fd = mkstemp(tmpl);
    if (fd < 0) return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0) { close(fd); return -1; }
        off += (size_t)w;
    }
    close(fd);
    return 0;
}

static bool has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* A REPL transcript (.txt) is checked in-process, entry by entry, in one session. */
static bool check_transcript(const char *file, size_t stack_bytes) {
    size_t len;
    char *text = read_file(file, &len);
    if (!text) {
        printf("FAIL %s: cannot read it: %s\n", file, strerror(errno));
        return false;
    }
    char *argv1[] = {(char *)file, NULL};
    Interp *T = interp_new(1, argv1);
    if (!T) { free(text); printf("FAIL %s: out of memory\n", file); return false; }
    char here;
    T->stack_base = &here;
    T->stack_budget = stack_bytes;
    char *rep = NULL;
    size_t replen = 0;
    FILE *rf = open_memstream(&rep, &replen);
    int bad = rf ? transcript_check(T, file, text, len, rf) : -1;
    if (rf) fclose(rf);
    interp_free(T);
    free(text);
    if (bad == 0) printf("ok   %s\n", file);
    else printf("FAIL %s\n%s", file, rep ? rep : "");
    free(rep);
    return bad == 0;
}

static int check_files(const char *self, int n, char **files, size_t stack_bytes) {
    int failed = 0;
    for (int i = 0; i < n; i++) {
        const char *file = files[i];
        if (has_suffix(file, ".txt")) {
            fflush(stdout);
            if (!check_transcript(file, stack_bytes)) failed++;
            fflush(stdout);
            continue;
        }
        char *exp_path = expected_path(file);
        size_t elen = 0, alen = 0;
        char *expected = exp_path ? read_file(exp_path, &elen) : NULL;
        char *actual = run_capture(self, file, &alen);
        if (!expected) {
            printf("FAIL %s: cannot read %s\n", file, exp_path ? exp_path : "?");
            failed++;
        } else if (!actual) {
            printf("FAIL %s: could not run it\n", file);
            failed++;
        } else if (elen != alen || memcmp(expected, actual, elen) != 0) {
            printf("FAIL %s\n", file);
            fflush(stdout);
            char t1[] = "/tmp/agrepl-expected-XXXXXX", t2[] = "/tmp/agrepl-actual-XXXXXX";
            if (write_tmp(t1, expected, elen) == 0 && write_tmp(t2, actual, alen) == 0) {
                pid_t pid = fork();
                if (pid == 0) {
                    execlp("diff", "diff", "-u", "--label", exp_path, "--label", "actual output", t1, t2,
                           (char *)NULL);
                    _exit(127);
                }
                int st;
                if (pid > 0) while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
            }
            unlink(t1);
            unlink(t2);
            failed++;
        } else {
            printf("ok   %s\n", file);
        }
        free(expected);
        free(actual);
        free(exp_path);
    }
    printf("%d checked, %d passed, %d failed\n", n, n - failed, failed);
    return failed ? EXIT_ERROR : EXIT_OK;
}

/* ---- running --------------------------------------------------------------------- */

typedef struct Job {
    int argc;
    char **argv;
    size_t stack_bytes; /* C stack the evaluator may use on this thread */
    int status;
} Job;

static int run_source(Interp *I, const char *name, char *text, size_t len) {
    RunStatus st = interp_exec(I, name, text, len, EXEC_FILE);
    fflush(stdout);
    return st == RUN_EXIT ? I->exit_code : status_exit(st);
}

static int run_job(Job *job) {
    int argc = job->argc;
    char **argv = job->argv;
    const char *a1 = argc > 1 ? argv[1] : NULL;

    if (a1 && (!strcmp(a1, "--help") || !strcmp(a1, "-h"))) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (a1 && !strcmp(a1, "--version")) {
        puts("agrepl " AG_VERSION);
        return EXIT_OK;
    }
    if (a1 && !strcmp(a1, "--check")) {
        if (argc < 3) { fputs("agrepl: --check needs at least one FILE\n", stderr); return EXIT_USAGE; }
        return check_files("/proc/self/exe", argc - 2, argv + 2, job->stack_bytes);
    }

    /* Decide what to run. Script arguments start at the script name (argv[0] of sys.argv). */
    const char *mode = NULL, *file = NULL, *code = NULL;
    int sargc = 0;
    char **sargv = NULL;
    if (!a1) {
        mode = isatty(0) ? "repl" : "stdin";
    } else if (!strcmp(a1, "-c")) {
        if (argc < 3) { fputs("agrepl: -c needs CODE\n" "(run 'agrepl --help' for usage)\n", stderr); return EXIT_USAGE; }
        mode = "code"; code = argv[2]; sargc = argc - 2; sargv = argv + 2;
    } else if (!strcmp(a1, "-i")) {
        if (argc < 3) { fputs("agrepl: -i needs FILE\n(run 'agrepl --help' for usage)\n", stderr); return EXIT_USAGE; }
        mode = "interactive"; file = argv[2]; sargc = argc - 2; sargv = argv + 2;
    } else if (!strcmp(a1, "-")) {
        mode = "stdin"; sargc = argc - 1; sargv = argv + 1;
    } else if (a1[0] == '-') {
        fprintf(stderr, "agrepl: unknown option '%s'\n(run 'agrepl --help' for usage)\n", a1);
        return EXIT_USAGE;
    } else {
        mode = "file"; file = a1; sargc = argc - 1; sargv = argv + 1;
    }

    Interp *I = interp_new(sargc, sargv);
    if (!I) { fputs("MemoryError: cannot start the interpreter\n", stderr); return EXIT_ERROR; }
    char here;
    I->stack_base = &here;
    I->stack_budget = job->stack_bytes;

    int rc = EXIT_OK;
    if (!strcmp(mode, "repl")) {
        rc = repl_run(I, true);
    } else if (!strcmp(mode, "code")) {
        rc = run_source(I, "<string>", (char *)code, strlen(code));
    } else if (!strcmp(mode, "stdin")) {
        size_t len;
        char *text = slurp(stdin, &len);
        if (!text) { perror("agrepl: stdin"); rc = EXIT_ERROR; }
        else { rc = run_source(I, "<stdin>", text, len); free(text); }
    } else {
        size_t len;
        char *text = read_file(file, &len);
        if (!text) {
            fprintf(stderr, "agrepl: can't open file '%s': %s\n", file, strerror(errno));
            rc = EXIT_USAGE;
        } else {
            rc = run_source(I, file, text, len);
            free(text);
            if (!strcmp(mode, "interactive") && rc != EXIT_INTERRUPT) rc = repl_run(I, false);
        }
    }
    fflush(stdout);
    interp_free(I);
    mem_release_caches();
    return rc;
}

static void *job_thread(void *arg) {
    Job *job = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL); /* Ctrl-C lands on this thread, interrupting its reads */
    job->status = run_job(job);
    return NULL;
}

int main(int argc, char **argv) {
#ifdef __GLIBC__
    /* A module's token array (import torch: some 800 KB) is above glibc's mmap threshold, so
     * each parse faulted in fresh pages and unmapped them; from the heap, the next parse and
     * the AST reuse them. Page faults were half of start-up. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: a blocked read returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    Job job = {argc, argv, EVAL_STACK_BYTES - ((size_t)16 << 20), EXIT_ERROR};
    pthread_attr_t attr;
    pthread_t th;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, EVAL_STACK_BYTES) != 0 ||
        pthread_create(&th, &attr, job_thread, &job) != 0) {
        /* No big thread: run here with the process stack. */
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        struct rlimit rl;
        size_t have = getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY ? rl.rlim_cur : ((size_t)8 << 20);
        job.stack_bytes = have - have / 4;
        return run_job(&job);
    }
    pthread_join(th, NULL);
    pthread_attr_destroy(&attr);
    fflush(stdout);
    return job.status;
}
