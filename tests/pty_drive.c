/* pty_drive.c — a small expect: run a program on a pseudo-terminal and follow a script.
 *
 *   pty_drive [-t SECONDS] SCRIPT -- PROGRAM [ARGS...]
 *
 * SCRIPT has one command per line (blank lines and lines starting with '#' are skipped);
 * STRING arguments take C escapes: \n \r \t \e \\ \xHH.
 *   send STRING     write STRING to the terminal (what the keyboard would send)
 *   paste FILE      write FILE's bytes wrapped in bracketed-paste markers (ESC[200~ ... ESC[201~)
 *   expect STRING   wait (up to the timeout) until STRING appears in the output after the last
 *                   match; the next expect searches after this match
 *   reject STRING   fail if STRING appears in the output after the last match (output so far)
 *   rejectall STRING  fail if STRING appears anywhere in the output so far
 *   sleep MS        keep reading output for MS milliseconds
 *   exit N          wait for the program to end and check its exit status is N
 * On failure it says which line failed and shows the tail of the output, and exits 1.
 * The child gets TERM=xterm and a 200x50 window. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *out;          /* everything the program wrote */
static size_t outlen, outcap, matched;
static int master = -1;
static pid_t child;
static int child_status = -1; /* raw wait status once reaped */
static double timeout_s = 10;
static const char *script_name;
static int lineno;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_tail(void) {
    size_t from = outlen > 3000 ? outlen - 3000 : 0;
    fprintf(stderr, "---- output (last %zu bytes, escaped; match position at %zu) ----\n", outlen - from,
            matched);
    for (size_t i = from; i < outlen; i++) {
        unsigned char c = (unsigned char)out[i];
        if (i == matched) fputs("\033[7m|\033[0m", stderr);
        if (c == '\n') fputs("\\n\n", stderr);
        else if (c == '\r') fputs("\\r", stderr);
        else if (c == 033) fputs("\\e", stderr);
        else if (c < 32 || c == 127) fprintf(stderr, "\\x%02x", c);
        else fputc(c, stderr);
    }
    fputs("\n---- end of output ----\n", stderr);
}

static void fail(const char *fmt, const char *arg) {
    fprintf(stderr, "pty_drive: %s:%d: ", script_name, lineno);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    show_tail();
    if (child > 0 && child_status < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    exit(1);
}

static void append(const char *buf, size_t n) {
    if (outlen + n + 1 > outcap) {
        outcap = (outlen + n + 1) * 2;
        out = realloc(out, outcap);
        if (!out) { perror("pty_drive"); exit(2); }
    }
    memcpy(out + outlen, buf, n);
    outlen += n;
    out[outlen] = 0;
}

static void reap(bool block) {
    if (child_status >= 0) return;
    int st;
    pid_t r = waitpid(child, &st, block ? 0 : WNOHANG);
    if (r == child) child_status = st;
}

/* Read whatever arrives within `secs`; returns early once `want` (if given) is found. */
static bool pump(double secs, const char *want, size_t wantlen) {
    double end = now() + secs;
    for (;;) {
        if (want && outlen >= matched) {
            char *hit = memmem(out + matched, outlen - matched, want, wantlen);
            if (hit) {
                matched = (size_t)(hit - out) + wantlen;
                return true;
            }
        }
        double left = end - now();
        if (left <= 0) return false;
        struct pollfd p = {master, POLLIN, 0};
        int n = poll(&p, 1, (int)(left * 1000) + 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) continue;
        char buf[4096];
        ssize_t got = read(master, buf, sizeof buf);
        if (got > 0) {
            append(buf, (size_t)got);
        } else {
            /* EIO: the program closed the terminal (it ended). */
            reap(true);
            if (want && outlen >= matched) {
                char *hit = memmem(out + matched, outlen - matched, want, wantlen);
                if (hit) { matched = (size_t)(hit - out) + wantlen; return true; }
            }
            return false;
        }
    }
}

static void send_bytes(const char *s, size_t n) {
    size_t off = 0;
    while (off < n) {
        /* Small chunks, reading in between, so the terminal never blocks both sides. */
        size_t chunk = n - off > 256 ? 256 : n - off;
        ssize_t w = write(master, s + off, chunk);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN) { pump(0.01, NULL, 0); continue; }
            fail("write to the terminal failed: %s", strerror(errno));
        }
        off += (size_t)w;
        pump(0.002, NULL, 0);
    }
}

/* C escapes into a fresh buffer; returns its length. */
static size_t unescape(const char *s, char *dst) {
    size_t n = 0;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) { dst[n++] = *s; continue; }
        s++;
        switch (*s) {
        case 'n': dst[n++] = '\n'; break;
        case 'r': dst[n++] = '\r'; break;
        case 't': dst[n++] = '\t'; break;
        case 'e': dst[n++] = 033; break;
        case '\\': dst[n++] = '\\'; break;
        case 'x': {
            unsigned v = 0;
            int k = 0;
            while (k < 2 && s[1] && strchr("0123456789abcdefABCDEF", s[1])) {
                char c = *++s;
                v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
                k++;
            }
            dst[n++] = (char)v;
            break;
        }
        default: dst[n++] = '\\'; dst[n++] = *s; break;
        }
    }
    dst[n] = 0;
    return n;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) b = realloc(b, cap *= 2);
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv) {
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-t")) {
        timeout_s = atof(argv[i + 1]);
        i += 2;
    }
    if (i + 2 >= argc || strcmp(argv[i + 1], "--") != 0) {
        fprintf(stderr, "usage: pty_drive [-t SECONDS] SCRIPT -- PROGRAM [ARGS...]\n");
        return 2;
    }
    script_name = argv[i];
    FILE *script = fopen(script_name, "r");
    if (!script) { perror(script_name); return 2; }
    char **cmd = argv + i + 2;

    struct winsize ws = {.ws_row = 50, .ws_col = 200};
    child = forkpty(&master, NULL, NULL, &ws);
    if (child < 0) { perror("forkpty"); return 2; }
    if (child == 0) {
        setenv("TERM", "xterm", 1);
        execvp(cmd[0], cmd);
        fprintf(stderr, "pty_drive: cannot run %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    signal(SIGPIPE, SIG_IGN);

    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, script)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0 || line[0] == '#') continue;
        char *arg = strchr(line, ' ');
        if (arg) *arg++ = 0;
        else arg = line + n;
        char *buf = malloc(strlen(arg) + 2);
        size_t blen = unescape(arg, buf);
        if (!strcmp(line, "send")) {
            send_bytes(buf, blen);
        } else if (!strcmp(line, "paste")) {
            size_t flen;
            char *text = read_file(arg, &flen);
            if (!text) fail("cannot read paste file %s", arg);
            send_bytes("\033[200~", 6);
            send_bytes(text, flen);
            send_bytes("\033[201~", 6);
            free(text);
        } else if (!strcmp(line, "expect")) {
            if (!pump(timeout_s, buf, blen)) fail("timed out waiting for \"%s\"", arg);
        } else if (!strcmp(line, "reject")) {
            if (outlen > matched && memmem(out + matched, outlen - matched, buf, blen))
                fail("unexpected \"%s\" in the output", arg);
        } else if (!strcmp(line, "rejectall")) {
            if (memmem(out ? out : "", outlen, buf, blen)) fail("unexpected \"%s\" in the output", arg);
        } else if (!strcmp(line, "sleep")) {
            pump(atof(arg) / 1000, NULL, 0);
        } else if (!strcmp(line, "exit")) {
            double end = now() + timeout_s;
            while (child_status < 0 && now() < end) {
                pump(0.05, NULL, 0);
                reap(false);
            }
            if (child_status < 0) fail("the program did not exit (wanted status %s)", arg);
            int want = atoi(arg);
            if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != want) {
                char msg[64];
                if (WIFEXITED(child_status)) snprintf(msg, sizeof msg, "exit status %d", WEXITSTATUS(child_status));
                else snprintf(msg, sizeof msg, "killed by signal %d", WTERMSIG(child_status));
                fail("the program ended with %s", msg);
            }
        } else {
            fail("unknown command '%s'", line);
        }
        free(buf);
    }
    free(line);
    fclose(script);
    if (child_status < 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    free(out);
    return 0;
}
