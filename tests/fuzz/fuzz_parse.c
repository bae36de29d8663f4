/* fuzz_parse.c — libFuzzer harness over the lexer, the parser and the resolver.
 *
 * Each input is parsed as a script and as a REPL entry; a tree that parses is also resolved.
 * Oracles: the sanitizers, and the allocation funnel — everything a parse allocates must be
 * released again (mem_live() back to where it was), else the harness traps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "interp.h"
#include "mem.h"
#include "parser.h"
#include "resolve.h"

static Interp *I;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    stderr = fopen("/dev/null", "w"); /* diagnostics; sanitizers write to fd 2 directly */
    mem_set_limits((size_t)64 << 20, (size_t)512 << 20);
    return 0;
}

static void parse_once(const uint8_t *d, size_t n, bool interactive) {
    Source *src = src_new("<fuzz>", (const char *)d, n);
    if (!src) return;
    ParseResult pr = {0};
    ParseStatus st = parse_source(I, src, interactive, &pr);
    if (st == PARSE_OK && pr.ast) {
        Ast *ast = pr.ast;
        pr.ast = NULL;
        SyntaxDiag diag = {0};
        Module *m = module_new(I, "__fuzz__");
        if (m) {
            if (!resolve_ast(I, ast, m, &diag) && diag.msg) mem_strfree(diag.msg);
            obj_decref((Obj *)m);
        }
        ast_free(ast);
    }
    parse_result_free(&pr);
    src_decref(src);
    err_clear(I);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    size_t before = mem_live();
    I = interp_new(0, NULL);
    if (!I) __builtin_trap();
    char here;
    I->stack_base = &here;
    I->stack_budget = (size_t)4 << 20;
    parse_once(d, n, false);
    parse_once(d, n, true);
    interp_free(I);
    I = NULL;
    if (mem_live() != before) {
        dprintf(2, "leak: %zu bytes\n", mem_live() - before);
        __builtin_trap();
    }
    return 0;
}
