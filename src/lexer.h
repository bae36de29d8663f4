/* lexer.h — source text to tokens (prefix lex_).
 *
 * The lexer turns the whole text into an array of tokens up front (the parser then has
 * free lookahead). Layout follows CPython's tokenizer: an indent stack and pending dedents
 * produce INDENT/DEDENT; NEWLINE ends each logical line; inside brackets lines join
 * implicitly; blank and comment-only lines produce nothing. The stream always ends with
 * NEWLINE (when the last line had tokens), the DEDENTs that close open blocks, and T_EOF.
 *
 * Errors: the lexer stops at its first error, emits one T_ERROR token (then T_EOF) and
 * keeps the diagnostic in Lexer.err. In interactive mode, running out of text inside a
 * bracket, a triple-quoted string or after a trailing backslash is not an error: the
 * stream ends with T_EOF and Lexer.incomplete is set.
 *
 * Strings: a T_STRING token carries its decoded UTF-8 value (sval/slen, owned by the
 * lexer). A T_FSTRING token carries the raw text between its quotes (body, body_len,
 * pointing into the source) and where that text starts (body_line/body_col); the parser
 * splits it into literal pieces and sub-lexes the embedded expressions with LEX_EXPR. */
#ifndef AG_LEXER_H
#define AG_LEXER_H
#include "ast.h"
#include "diag.h"

typedef enum {
#define TOK(kind, text) kind,
#include "tokens.def"
#undef TOK
    T__COUNT
} TokKind;
extern const char *const lex_tok_text[T__COUNT]; /* "(", "if", "name", ... */

typedef struct Token {
    TokKind kind;
    Span span;
    const char *start;     /* raw text in the source */
    size_t len;
    int64_t ival;          /* T_INT */
    double fval;           /* T_FLOAT */
    char *sval;            /* T_STRING: decoded value, NUL-terminated, owned by the Lexer */
    size_t slen;
    const char *body;      /* T_FSTRING: raw text between the quotes (points into the source) */
    size_t body_len;
    int body_line, body_col;
    bool raw;              /* T_FSTRING: rf"..." (no escape processing in literal pieces) */
    bool space_before;     /* whitespace precedes the token on its line (unused by ag's grammar) */
} Token;

enum {
    LEX_INTERACTIVE = 1,   /* end of text inside brackets/strings/continuations is "incomplete" */
    LEX_EXPR = 2,          /* an f-string expression: as if inside parentheses; no NEWLINE/INDENT */
};

typedef struct Lexer {
    const char *text, *p, *end;
    int line, col;           /* position of p: 1-based line, code-point column */
    int flags;
    Token *toks;
    int ntoks, cap;
    /* layout */
    int indents[102], altindents[102], nindent;  /* indent stack, indents[0] == 0 */
    int depth;                                   /* bracket nesting */
    char brackets[201];
    Span bracket_span[201];
    bool line_has_tokens;
    /* outcome */
    bool has_err;
    SyntaxDiag err;          /* msg owned by the Lexer */
    bool unclosed;           /* err is "'(' was never closed" (the parser may prefer it) */
    bool incomplete;         /* interactive: the text ended in the middle of something */
    bool oom;
} Lexer;

/* Prepare to lex text[0..len) whose first character is at (line, col) of its source. */
void lex_init(Lexer *L, const char *text, size_t len, int line, int col, int flags);
/* Tokenize everything. false only when out of memory (L->oom). Lexical errors are reported
 * in-band (T_ERROR + L->err). */
bool lex_run(Lexer *L);
void lex_free(Lexer *L);

/* Decode the escapes of a Python string body s[0..n) into sb (raw: copy verbatim).
 * On a bad escape returns false and writes CPython's message into errbuf and the byte
 * offset of the offending backslash into *erroff. */
bool lex_decode_escapes(const char *s, size_t n, bool raw, StrBuf *sb, char *errbuf,
                        size_t errlen, size_t *erroff);
/* Number of code points in s[0..n). */
int lex_ncp(const char *s, size_t n);
#endif
