/* fuzz_eval.c — libFuzzer harness over the whole interpreter: parse, resolve, evaluate,
 * tensors and autodiff included (stdlib torch/numpy are importable).
 *
 * Every run is bounded: a step budget (loop back-edges + calls) ends infinite loops with a
 * RuntimeError, tensors are capped at 2^20 elements, one allocation at 64 MiB and all live
 * memory at 512 MiB (MemoryError beyond). Oracles: the sanitizers, and zero leaks — after
 * interp_free, mem_live() must be back to where it was, else the harness traps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "interp.h"
#include "mem.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    /* The program's output and error reports go nowhere; sanitizers write to fd 2 directly. */
    stdout = fopen("/dev/null", "w");
    stderr = fopen("/dev/null", "w");
    if (!freopen("/dev/null", "r", stdin)) return 0; /* input() sees end of file */
    mem_set_limits((size_t)64 << 20, (size_t)512 << 20);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    size_t before = mem_live();
    static char *args[] = {"fuzz.ag", NULL};
    Interp *I = interp_new(1, args);
    if (!I) __builtin_trap();
    char here;
    I->stack_base = &here;
    I->stack_budget = (size_t)3 << 20;
    I->step_budget = 20000;
    I->max_tensor_elems = (int64_t)1 << 20;
    ag_interrupted = 0;
    interp_exec(I, "fuzz.ag", (const char *)d, n, EXEC_FILE);
    interp_free(I);
    if (mem_live() != before) {
        dprintf(2, "leak: %zu bytes\n", mem_live() - before);
        __builtin_trap();
    }
    return 0;
}
