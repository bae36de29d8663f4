/* test_oom.c — out-of-memory paths: every allocation of a run may fail, and the run must
 * still end cleanly.
 *
 * For each program, run interp_new + interp_exec with mem_fail_at(k) for k = 1, 2, 3, ...
 * until a run completes without reaching its k-th allocation. Each run must end either in
 * success with exactly the output of an unhindered run, or in a MemoryError report; never a
 * crash, another kind of error, or a leak: after interp_free, mem_live() is back to its value
 * before interp_new. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness.h"
#include "interp.h"
#include "mem.h"

TestSuite(oom, .timeout = 120.0);

typedef struct Run {
    RunStatus st;      /* RUN_ERROR also when interp_new failed */
    bool started;      /* interp_new succeeded */
    char *out, *err;   /* malloc'd captures */
    uint64_t allocs;   /* allocations made by the whole run */
} Run;

/* One run with allocation number k failing (k = 0: none). */
static Run run_once(const char *code, uint64_t k) {
    Run r = {RUN_ERROR, false, NULL, NULL, 0};
    Capture c;
    capture_begin(&c);
    cr_assert(c.out && c.err);
    size_t live0 = mem_live();
    uint64_t n0 = mem_count();
    mem_fail_at(k);
    char *argv[] = {"oom.ag", NULL};
    Interp *I = interp_new(1, argv);
    if (I) {
        r.started = true;
        char base;
        I->stack_base = &base;
        I->stack_budget = 6u << 20;
        r.st = interp_exec(I, "oom.ag", code, strlen(code), EXEC_FILE);
        interp_free(I);
    }
    r.allocs = mem_count() - n0;
    mem_fail_at(0);
    capture_end(&c, &r.out, &r.err);
    cr_assert_eq(mem_live(), live0, "k=%llu: %zd bytes leaked (status %d)\nstderr:\n%s",
                 (unsigned long long)k, (ssize_t)(mem_live() - live0), (int)r.st, r.err);
    return r;
}

static void free_run(Run *r) {
    free(r->out);
    free(r->err);
}

/* The last "SomethingError: ..." line of a report names its kind. */
static bool reports_memory_error(const char *err) {
    const char *p = strstr(err, "MemoryError");
    if (!p) return false;
    const char *last = NULL;
    for (const char *q = err; (q = strstr(q, "Error")) != NULL; q++) last = q;
    return last && last >= p && (size_t)(last - p) <= strlen("Memory");
}

static void oom_sweep(const char *code, uint64_t stride_after) {
    Run ref = run_once(code, 0);
    cr_assert_eq(ref.st, RUN_OK, "the program itself fails:\n%s", ref.err);
    cr_assert_str_empty(ref.err);
    uint64_t k = 1, failed_runs = 0;
    for (;; k += (stride_after && k > stride_after) ? 7 : 1) {
        Run r = run_once(code, k);
        if (r.allocs < k) { /* allocation k never happened: the sweep is complete */
            cr_assert_eq(r.st, RUN_OK);
            free_run(&r);
            break;
        }
        if (r.started && r.st == RUN_OK) {
            /* the failure was absorbed (a cache, an optional buffer): output must be intact */
            cr_assert_str_eq(r.out, ref.out, "k=%llu: succeeded with different output:\n%s\nstderr:\n%s", (unsigned long long)k, r.out, r.err);
        } else if (r.started) {
            cr_assert_eq(r.st, RUN_ERROR, "k=%llu: status %d", (unsigned long long)k, (int)r.st);
            cr_assert(reports_memory_error(r.err), "k=%llu: not a MemoryError:\n%s", (unsigned long long)k, r.err);
            /* whatever was printed before the failure is a prefix of the full output */
            cr_assert(strncmp(r.out, ref.out, strlen(r.out)) == 0, "k=%llu: output corrupted:\n%s",
                      (unsigned long long)k, r.out);
            failed_runs++;
        }
        free_run(&r);
    }
    cr_log_info("oom sweep: %llu allocation points, %llu ended in MemoryError", (unsigned long long)k,
                (unsigned long long)failed_runs);
    free_run(&ref);
}

static const char lang_prog[] =
    "def counter(start):\n"
    "    n = start\n"
    "    def bump(by=1):\n"
    "        nonlocal n\n"
    "        n += by\n"
    "        return n\n"
    "    return bump\n"
    "c = counter(10)\n"
    "c(); c(5)\n"
    "words = 'the quick brown fox jumps over the lazy dog the end'.split()\n"
    "freq = {}\n"
    "for w in words:\n"
    "    freq[w] = freq.get(w, 0) + 1\n"
    "pairs = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))\n"
    "squares = [i * i for i in range(12) if i % 2]\n"
    "table = {k: [v] * 3 for k, v in pairs[:3]}\n"
    "s = ', '.join(f'{k}={v!r}' for k, v in pairs)\n"
    "t = (1, 2.5, 'x', None, True)\n"
    "print(f'{c(0):>5} {len(words):03d} {3.14159:.2f} {squares} {t}')\n"
    "print(s.upper()[:40], table, str(freq)[:30])\n"
    "print(repr('a\\'b\\n'), [x for x in reversed(range(3))], max(squares), 'ab' * 3)\n";

/* sets, generator expressions, ** and * unpacking, **kwargs */
static const char lang_prog2[] =
    "def opts(a, *rest, scale=1, **kw):\n"
    "    return {**kw, 'a': a * scale, 'rest': [*rest, *kw]}\n"
    "cfg = {'lr': 0.5, 'name': 'net'}\n"
    "r = opts(2, 3, 4, scale=3, **cfg)\n"
    "s = {n % 7 for n in range(30)} | set([20, 3, 1, 5, 7])\n"
    "s &= {1, 2, 3, 20, 40}; s.add((1, 'x')); s.discard(2)\n"
    "g = ((i, j) for i in range(4) for j in range(i) if (i + j) % 2)\n"
    "first = next(g)\n"
    "print(r, sorted(s, key=str), first, list(g), {20, 3, 1, 5, 7} - {3})\n"
    "print(sum(x * x for x in s if isinstance(x, int)), (*s, 0)[-1], max(len(k) for k in cfg))\n"
    "from collections import Counter, defaultdict\n"
    "c = Counter('abracadabra'); c.update({'z': 2}); g = defaultdict(list)\n"
    "for w in 'one two three four'.split(): g[len(w)].append(w)\n"
    "print(c.most_common(2), c, g, cfg | {'lr': 1})\n";

static const char tensor_prog[] =
    "import torch\n"
    "X = torch.tensor([1, 2, 3, 4], dtype=torch.float32)\n"
    "Y = torch.tensor([2, 4, 6, 8], dtype=torch.float32)\n"
    "w = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)\n"
    "def forward(x):\n"
    "    return w * x\n"
    "def loss(y, y_pred):\n"
    "    return ((y_pred - y)**2).mean()\n"
    "print(f'Prediction before training: f(5) = {forward(5).item():.3f}')\n"
    "learning_rate = 0.01\n"
    "for epoch in range(3):\n"
    "    y_pred = forward(X)\n"
    "    l = loss(Y, y_pred)\n"
    "    l.backward()\n"
    "    with torch.no_grad():\n"
    "        w -= learning_rate * w.grad\n"
    "    w.grad.zero_()\n"
    "    print(f'epoch {epoch+1}: w = {w.item():.3f}, loss = {l.item():.8f}')\n"
    "print(w, X @ X, torch.zeros(2, 3))\n"
    "print(f'Prediction after training: f(5) = {forward(5).item():.3f}')\n";

/* try/except/else/finally, raise ... from, exception objects: a MemoryError is matched by
 * none of these clauses, so it must come out as the report (with any chain before it) */
static const char exc_prog[] =
    "def parse(s):\n"
    "    try:\n"
    "        return int(s)\n"
    "    except (ValueError, TypeError) as e:\n"
    "        return str(e)[:7]\n"
    "    finally:\n"
    "        log.append(s)\n"
    "log = []\n"
    "out = [parse(s) for s in ['1', 'x', None]]\n"
    "try:\n"
    "    try:\n"
    "        {}['k']\n"
    "    except KeyError as e:\n"
    "        raise RuntimeError('wrapped', 2) from e\n"
    "except RuntimeError as e:\n"
    "    print(repr(e), repr(e.__cause__), e.args, e.__context__ is e.__cause__)\n"
    "for i in range(3):\n"
    "    try:\n"
    "        if i == 1:\n"
    "            raise IndexError\n"
    "    except IndexError:\n"
    "        continue\n"
    "    else:\n"
    "        log.append(i)\n"
    "print(out, log, isinstance(KeyError('a'), LookupError))\n";

static const char error_prog[] =
    "def f(n):\n"
    "    return {'a': [n]}['b']\n"
    "print('before')\n"
    "f(1)\n";

Test(oom, allocation_counts) {
    Run a = run_once(lang_prog, 0), b = run_once(tensor_prog, 0);
    cr_log_info("allocations: language %llu, tensors %llu", (unsigned long long)a.allocs, (unsigned long long)b.allocs);
    cr_assert_eq(a.st, RUN_OK, "%s", a.err);
    cr_assert_eq(b.st, RUN_OK, "%s", b.err);
    free_run(&a);
    free_run(&b);
}

Test(oom, language) { oom_sweep(lang_prog, 0); }
Test(oom, tensors) { oom_sweep(tensor_prog, 0); }
Test(oom, language_sets_generators) { oom_sweep(lang_prog2, 0); }
Test(oom, exceptions) { oom_sweep(exc_prog, 0); }

/* A program that fails on purpose: a MemoryError while reporting its KeyError must still
 * be clean, so the sweep accepts either report. */
Test(oom, failing_program) {
    Run ref = run_once(error_prog, 0);
    cr_assert_eq(ref.st, RUN_ERROR);
    cr_assert(strstr(ref.err, "KeyError: 'b'"));
    for (uint64_t k = 1;; k++) {
        Run r = run_once(error_prog, k);
        bool done = r.allocs < k;
        if (r.started) {
            cr_assert_eq(r.st, RUN_ERROR, "k=%llu", (unsigned long long)k);
            cr_assert(strstr(r.err, "KeyError: 'b'") || reports_memory_error(r.err), "k=%llu:\n%s",
                      (unsigned long long)k, r.err);
        }
        free_run(&r);
        if (done) break;
    }
    free_run(&ref);
}

/* Huge requests are refused up front with a MemoryError, not attempted. */
Test(oom, huge_requests) {
    const char *progs[] = {"x = [0] * 10**12\n", "import torch\nx = torch.zeros(10**12)\n",
                           "import torch\nx = torch.zeros(10**10, 10**10)\n", "x = 'a' * 10**18\n",
                           "import numpy as np\nx = np.zeros((10**6, 10**6))\n"};
    for (size_t i = 0; i < sizeof progs / sizeof *progs; i++) {
        Run r = run_once(progs[i], 0);
        cr_assert_eq(r.st, RUN_ERROR, "%s", progs[i]);
        cr_assert(reports_memory_error(r.err), "%s:\n%s", progs[i], r.err);
        free_run(&r);
    }
}
