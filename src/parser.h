/* parser.h — tokens to AST by recursive descent (prefix parse_).
 *
 * The grammar is grammar/ag.ebnf; each parse function in parser.c opens with the rule it
 * implements. Errors are collected as SyntaxDiags in CPython 3.11's words, one per mistake:
 * after an error the parser skips to the next statement (and over that statement's indented
 * block), so one mistake never produces a cascade. Expression nesting is bounded (SyntaxError
 * "too many nested parentheses"), so no input can exhaust the C stack. */
#ifndef AG_PARSER_H
#define AG_PARSER_H
#include "ast.h"
#include "diag.h"
#include "interp.h"

typedef enum { PARSE_OK, PARSE_ERROR, PARSE_INCOMPLETE } ParseStatus;

typedef struct ParseResult {
    Ast *ast;            /* PARSE_OK: the tree (owns one reference to src). NULL otherwise. */
    int ndiags;          /* PARSE_ERROR: at least 1 (kind EXC_MemoryError when out of memory) */
    SyntaxDiag *diags;
} ParseResult;

/* Parse a whole module / REPL entry / -c string. On PARSE_OK out->ast is set. On PARSE_ERROR
 * out->diags holds one SyntaxDiag per mistake, in source order of discovery.
 * PARSE_INCOMPLETE (only when `interactive`) means the text ended inside an open bracket,
 * an unterminated triple-quoted string, after a trailing backslash, right after a block
 * header (`if x:`), or in a compound statement whose last line is not blank (the REPL rule:
 * "if x:\n  y = 1\n" is incomplete until a blank line follows).
 * Identifiers and string constants are interned / created through I (str_intern, val_str);
 * a pending MemoryError from those is cleared and reported as a diag instead.
 * The caller always calls parse_result_free(out); to keep the tree, take out->ast and set
 * out->ast = NULL first. */
ParseStatus parse_source(Interp *I, Source *src, bool interactive, ParseResult *out);
void parse_result_free(ParseResult *r);   /* frees diags and ast (if still owned) */
#endif
