/* lexer.c — source text to tokens, CPython's rules (see lexer.h). */
#include "lexer.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"

const char *const lex_tok_text[T__COUNT] = {
#define TOK(kind, text) text,
#include "tokens.def"
#undef TOK
};

#define MAX_INDENT 100   /* CPython: "too many levels of indentation" */
#define MAX_PAREN 200    /* CPython: "too many nested parentheses" */

int lex_ncp(const char *s, size_t n) {
    int c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

void lex_init(Lexer *L, const char *text, size_t len, int line, int col, int flags) {
    memset(L, 0, sizeof *L);
    L->text = L->p = text;
    L->end = text + len;
    L->line = line;
    L->col = col;
    L->flags = flags;
    L->nindent = 1;
}

void lex_free(Lexer *L) {
    for (int i = 0; i < L->ntoks; i++)
        if (L->toks[i].sval) mem_free(L->toks[i].sval, L->toks[i].slen + 1);
    mem_free(L->toks, sizeof(Token) * (size_t)L->cap);
    mem_strfree(L->err.msg);
    L->toks = NULL;
    L->ntoks = L->cap = 0;
    L->err.msg = NULL;
}

/* ---- character helpers ------------------------------------------------------------ */
static int peekc(Lexer *L, int k) { return L->p + k < L->end ? (unsigned char)L->p[k] : -1; }

static void adv(Lexer *L) {
    unsigned char c = (unsigned char)*L->p++;
    if (c == '\n') { L->line++; L->col = 1; }
    else if ((c & 0xC0) != 0x80) L->col++;
}

static bool is_id_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
static bool is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* Decode one UTF-8 sequence at s (n bytes available); returns its length or 0 if invalid. */
static int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    if (n == 0) return 0;
    unsigned c = s[0];
    int len;
    uint32_t v;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; }
    else return 0;
    if ((size_t)len > n) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

static void utf8_put(StrBuf *sb, uint32_t cp) {
    char b[4];
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD; /* lone surrogates cannot be UTF-8 */
    if (cp < 0x80) { b[0] = (char)cp; sb_putn(sb, b, 1); }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); sb_putn(sb, b, 2); }
    else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F));
        sb_putn(sb, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F));
        sb_putn(sb, b, 4);
    }
}

/* Code points that can never be part of an identifier: punctuation and symbol blocks. */
static bool cp_is_symbol(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFEFF || cp == 0xFFFD;
}

/* ---- tokens and errors ------------------------------------------------------------ */
static Token *push(Lexer *L, TokKind kind, const char *start, int line, int col) {
    if (L->oom) return NULL;
    if (L->ntoks == L->cap) {
        int ncap = L->cap ? L->cap * 2 : 64;
        Token *t = mem_realloc(L->toks, sizeof(Token) * (size_t)L->cap, sizeof(Token) * (size_t)ncap);
        if (!t) { L->oom = true; return NULL; }
        L->toks = t;
        L->cap = ncap;
    }
    Token *t = &L->toks[L->ntoks++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->len = (size_t)(L->p - start);
    t->span = (Span){line, col, L->line, L->col};
    if (t->span.end_line == line && t->span.end_col <= col) t->span.end_col = col + 1;
    return t;
}

static void lex_error_kind(Lexer *L, ExcKind kind, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void lex_error_kind(Lexer *L, ExcKind kind, Span span, const char *fmt, ...) {
    if (L->has_err) return;
    char buf[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    L->has_err = true;
    L->err.kind = kind;
    L->err.span = span;
    L->err.msg = mem_strndup(buf, strlen(buf));
    if (!L->err.msg) L->oom = true;
}
#define lex_error(L, span, ...) lex_error_kind(L, EXC_SyntaxError, span, __VA_ARGS__)
static Span at(int line, int col) { return (Span){line, col, line, col + 1}; }

/* ---- escapes ---------------------------------------------------------------------- */
static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool lex_decode_escapes(const char *s, size_t n, bool raw, StrBuf *sb, char *errbuf, size_t errlen, size_t *erroff) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\r') { /* universal newlines, as Python reads source */
            sb_putc(sb, '\n');
            i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            continue;
        }
        if (c != '\\' || raw || i + 1 >= n) {
            if (raw && c == '\\' && i + 1 < n) { sb_putn(sb, s + i, 2); i += 2; continue; }
            sb_putc(sb, c);
            i++;
            continue;
        }
        char e = s[i + 1];
        size_t start = i;
        i += 2;
        switch (e) {
        case '\n': break;
        case '\r': if (i < n && s[i] == '\n') i++; break;
        case '\\': sb_putc(sb, '\\'); break;
        case '\'': sb_putc(sb, '\''); break;
        case '"': sb_putc(sb, '"'); break;
        case 'a': sb_putc(sb, '\a'); break;
        case 'b': sb_putc(sb, '\b'); break;
        case 'f': sb_putc(sb, '\f'); break;
        case 'n': sb_putc(sb, '\n'); break;
        case 'r': sb_putc(sb, '\r'); break;
        case 't': sb_putc(sb, '\t'); break;
        case 'v': sb_putc(sb, '\v'); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = (uint32_t)(e - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++) v = v * 8 + (uint32_t)(s[i++] - '0');
            utf8_put(sb, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int want = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            uint32_t v = 0;
            int got = 0;
            while (got < want && i < n && hexval((unsigned char)s[i]) >= 0) { v = v * 16 + (uint32_t)hexval((unsigned char)s[i++]); got++; }
            if (got < want) {
                const char *what = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
                snprintf(errbuf, errlen, "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                         start, start + 1 + (size_t)got, what);
                *erroff = start;
                return false;
            }
            if (v > 0x10FFFF) {
                snprintf(errbuf, errlen, "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: illegal Unicode character",
                         start, start + 1 + (size_t)got);
                *erroff = start;
                return false;
            }
            utf8_put(sb, v);
            break;
        }
        case 'N':
            snprintf(errbuf, errlen, "\\N{...} escapes are not supported in ag");
            *erroff = start;
            return false;
        default: /* unknown escapes keep their backslash, as Python does */
            sb_putc(sb, '\\');
            i--;
            break;
        }
    }
    return true;
}

/* ---- numbers ---------------------------------------------------------------------- */
/* After a number: a letter glued to it is an error, except the keywords Python allows there. */
static bool glued_keyword(Lexer *L) {
    static const char *const kws[] = {"and", "else", "for", "if", "in", "is", "not", "or", NULL};
    for (int i = 0; kws[i]; i++) {
        size_t n = strlen(kws[i]);
        if ((size_t)(L->end - L->p) >= n && memcmp(L->p, kws[i], n) == 0) return true;
    }
    return false;
}

static bool lex_number(Lexer *L) {
    const char *start = L->p;
    int line = L->line, col = L->col;
    int c1 = peekc(L, 1);
    if (*L->p == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B')) {
        int base = (c1 == 'x' || c1 == 'X') ? 16 : (c1 == 'o' || c1 == 'O') ? 8 : 2;
        const char *bname = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
        adv(L);
        adv(L);
        uint64_t v = 0;
        bool overflow = false;
        int ndig = 0;
        for (;;) {
            int c = peekc(L, 0);
            if (c == '_') {
                adv(L);
                c = peekc(L, 0);
                int d = hexval(c);
                if (d < 0 || d >= base) {
                    lex_error(L, at(L->line, L->col - 1), "invalid %s literal", bname);
                    return false;
                }
                continue;
            }
            int d = hexval(c);
            if (d < 0) break;
            if (d >= base) {
                if (base < 16 && d < 10) {
                    lex_error(L, at(L->line, L->col), "invalid digit '%c' in %s literal", c, bname);
                    return false;
                }
                break;
            }
            if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) overflow = true;
            v = v * (uint64_t)base + (uint64_t)d;
            ndig++;
            adv(L);
        }
        if (ndig == 0 || (is_id_char(peekc(L, 0)) && !glued_keyword(L))) {
            lex_error(L, at(L->line, L->col - 1), "invalid %s literal", bname);
            return false;
        }
        if (overflow || v > (uint64_t)INT64_MAX) {
            lex_error(L, ((Span){line, col, L->line, L->col}), "integer literal too large");
            return false;
        }
        Token *t = push(L, T_INT, start, line, col);
        if (t) t->ival = (int64_t)v;
        return t != NULL;
    }
    /* decimal: digits [. digits] [e [+-] digits] */
    char buf[512];
    size_t nb = 0;
    bool is_float = false;
    bool nonzero_digit = false, leading_zero = *L->p == '0';
#define DIGITS()                                                                        \
    do {                                                                                \
        while (is_digit(peekc(L, 0))) {                                                 \
            if (*L->p != '0') nonzero_digit = true;                                     \
            if (nb < sizeof buf - 1) buf[nb++] = *L->p;                                 \
            adv(L);                                                                     \
            if (peekc(L, 0) == '_') {                                                   \
                if (!is_digit(peekc(L, 1))) {                                           \
                    lex_error(L, at(L->line, L->col), "invalid decimal literal");       \
                    return false;                                                       \
                }                                                                       \
                adv(L);                                                                 \
            }                                                                           \
        }                                                                               \
    } while (0)
    DIGITS();
    bool int_nonzero = nonzero_digit;
    size_t int_end_col = (size_t)L->col;
    if (peekc(L, 0) == '.') {
        is_float = true;
        buf[nb++] = '.';
        adv(L);
        if (is_digit(peekc(L, 0))) DIGITS();
    }
    int c = peekc(L, 0);
    if (c == 'e' || c == 'E') {
        int c2 = peekc(L, 1);
        int k = (c2 == '+' || c2 == '-') ? 2 : 1;
        if (is_digit(peekc(L, k))) {
            is_float = true;
            if (nb < sizeof buf - 3) buf[nb++] = 'e';
            adv(L);
            if (k == 2) { if (nb < sizeof buf - 1) buf[nb++] = (char)c2; adv(L); }
            DIGITS();
        } else if (!glued_keyword(L)) {
            lex_error(L, at(L->line, L->col - 1), "invalid decimal literal");
            return false;
        }
    }
#undef DIGITS
    c = peekc(L, 0);
    if (c == 'j' || c == 'J') {
        adv(L);
        lex_error(L, ((Span){line, col, L->line, L->col}), "complex numbers are not supported in ag");
        return false;
    }
    if (is_id_char(c) && !glued_keyword(L)) {
        lex_error(L, at(L->line, L->col - 1), "invalid decimal literal");
        return false;
    }
    buf[nb] = 0;
    if (!is_float) {
        if (leading_zero && int_nonzero) {
            lex_error(L, ((Span){line, col, line, (int)int_end_col}),
                      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
            return false;
        }
        uint64_t v = 0;
        for (size_t i = 0; i < nb; i++) {
            unsigned d = (unsigned)(buf[i] - '0');
            if (v > ((uint64_t)INT64_MAX - d) / 10) {
                lex_error(L, ((Span){line, col, L->line, L->col}), "integer literal too large");
                return false;
            }
            v = v * 10 + d;
        }
        if (nb >= sizeof buf - 1) {
            lex_error(L, ((Span){line, col, L->line, L->col}), "integer literal too large");
            return false;
        }
        Token *t = push(L, T_INT, start, line, col);
        if (t) t->ival = (int64_t)v;
        return t != NULL;
    }
    Token *t = push(L, T_FLOAT, start, line, col);
    if (t) t->fval = strtod(buf, NULL);
    return t != NULL;
}

/* ---- strings ---------------------------------------------------------------------- */
/* L->p is at the opening quote; the prefix (if any) started at `start`. */
static bool lex_string(Lexer *L, const char *start, int line, int col, bool raw, bool fstr, bool bytes) {
    char q = *L->p;
    bool triple = peekc(L, 1) == q && peekc(L, 2) == q;
    int nq = triple ? 3 : 1;
    for (int i = 0; i < nq; i++) adv(L);
    const char *body = L->p;
    int body_line = L->line, body_col = L->col;
    const char *body_end;
    for (;;) {
        if (L->p >= L->end) {
            if (triple && (L->flags & LEX_INTERACTIVE)) { L->incomplete = true; return false; }
            int det = L->line; /* CPython names the last line that has text */
            if (det > line && L->p > L->text && L->p[-1] == '\n') det--;
            lex_error(L, at(line, col), "unterminated %sstring literal (detected at line %d)", triple ? "triple-quoted " : "",
                      det);
            return false;
        }
        char c = *L->p;
        if (c == '\\') {
            adv(L);
            if (L->p < L->end) {
                if (*L->p == '\n' && !triple && (L->flags & LEX_INTERACTIVE) && L->p + 1 >= L->end) {
                    L->incomplete = true;
                    return false;
                }
                adv(L);
            }
            continue;
        }
        if (c == '\n' && !triple) {
            lex_error(L, at(line, col), "unterminated string literal (detected at line %d)", L->line);
            return false;
        }
        if (c == q && (!triple || (peekc(L, 1) == q && peekc(L, 2) == q))) {
            body_end = L->p;
            for (int i = 0; i < nq; i++) adv(L);
            break;
        }
        adv(L);
    }
    if (bytes) {
        lex_error(L, ((Span){line, col, L->line, L->col}), "bytes are not supported in ag");
        return false;
    }
    if (fstr) {
        Token *t = push(L, T_FSTRING, start, line, col);
        if (!t) return false;
        t->body = body;
        t->body_len = (size_t)(body_end - body);
        t->body_line = body_line;
        t->body_col = body_col;
        t->raw = raw;
        return true;
    }
    StrBuf sb;
    sb_init(&sb);
    char msg[200];
    size_t off;
    if (!lex_decode_escapes(body, (size_t)(body_end - body), raw, &sb, msg, sizeof msg, &off)) {
        sb_free(&sb);
        lex_error(L, at(L->line, L->col), "%s", msg);
        return false;
    }
    if (sb.oom) { sb_free(&sb); L->oom = true; return false; }
    char *val = mem_strndup(sb.data ? sb.data : "", sb.len);
    size_t vlen = sb.len;
    sb_free(&sb);
    if (!val) { L->oom = true; return false; }
    Token *t = push(L, T_STRING, start, line, col);
    if (!t) { mem_free(val, vlen + 1); return false; }
    t->sval = val;
    t->slen = vlen;
    return true;
}

/* ---- operators -------------------------------------------------------------------- */
static const struct { const char *text; TokKind kind; } ops[] = {
    {"**=", T_DSTAREQ}, {"//=", T_DSLASHEQ}, {"...", T_ELLIPSIS}, {"<<=", T_LSHIFTEQ}, {">>=", T_RSHIFTEQ},
    {"**", T_DSTAR},   {"//", T_DSLASH},   {"<=", T_LE},       {">=", T_GE},       {"==", T_EQ},
    {"!=", T_NE},      {"->", T_ARROW},    {"+=", T_PLUSEQ},   {"-=", T_MINUSEQ},  {"*=", T_STAREQ},
    {"/=", T_SLASHEQ}, {"%=", T_PERCENTEQ}, {"@=", T_ATEQ},    {"|=", T_PIPEEQ},   {"&=", T_AMPEQ},
    {"^=", T_CARETEQ}, {"<<", T_LSHIFT},   {">>", T_RSHIFT},   {":=", T_WALRUS},
    {"(", T_LPAREN},   {")", T_RPAREN},    {"[", T_LBRACKET},  {"]", T_RBRACKET},  {"{", T_LBRACE},
    {"}", T_RBRACE},   {",", T_COMMA},     {":", T_COLON},     {";", T_SEMI},      {".", T_DOT},
    {"=", T_ASSIGN},   {"+", T_PLUS},      {"-", T_MINUS},     {"*", T_STAR},      {"/", T_SLASH},
    {"%", T_PERCENT},  {"@", T_AT},        {"~", T_TILDE},     {"<", T_LT},        {">", T_GT},
    {"|", T_PIPE},     {"&", T_AMP},       {"^", T_CARET},
};

/* Candidates by first byte, built once before main (constructor: single-threaded): for each
 * byte, the ops entries (in table order, longest first) and the keywords starting with it, so
 * a token is matched against a handful of entries instead of every one. */
enum { FIRST_MAX = 12 };
static uint8_t op_first[256][FIRST_MAX + 1];  /* ops indices + 1, 0-terminated */
static uint8_t kw_first[256][FIRST_MAX + 1];  /* keyword kind - K_AND + 1, 0-terminated */
__attribute__((constructor)) static void lex_build_first(void) {
    _Static_assert(sizeof ops / sizeof ops[0] < 255 && T__COUNT - K_AND < 255, "indices fit a byte");
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        uint8_t *row = op_first[(unsigned char)ops[i].text[0]];
        int k = 0;
        while (row[k]) k++;
        if (k == FIRST_MAX) abort(); /* a table grew past FIRST_MAX: raise it */
        row[k] = (uint8_t)(i + 1);
    }
    for (int t = K_AND; t < T__COUNT; t++) {
        uint8_t *row = kw_first[(unsigned char)lex_tok_text[t][0]];
        int k = 0;
        while (row[k]) k++;
        if (k == FIRST_MAX) abort();
        row[k] = (uint8_t)(t - K_AND + 1);
    }
}

static char closer_of(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

static bool lex_op(Lexer *L) {
    const char *start = L->p;
    int line = L->line, col = L->col;
    size_t avail = (size_t)(L->end - L->p);
    for (const uint8_t *cand = op_first[(unsigned char)*L->p]; *cand; cand++) {
        size_t i = *cand - 1u;
        size_t n = strlen(ops[i].text);
        if (n > avail || memcmp(L->p, ops[i].text, n) != 0) continue;
        char c = *L->p;
        if (c == '(' || c == '[' || c == '{') {
            if (L->depth >= MAX_PAREN) {
                lex_error(L, at(line, col), "too many nested parentheses");
                return false;
            }
            L->brackets[L->depth] = c;
            L->bracket_span[L->depth] = at(line, col);
            L->depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            if (L->depth == 0) {
                lex_error(L, at(line, col), "unmatched '%c'", c);
                return false;
            }
            char open = L->brackets[L->depth - 1];
            if (closer_of(open) != c) {
                Span os = L->bracket_span[L->depth - 1];
                if (os.line != line)
                    lex_error(L, at(line, col), "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                              c, open, os.line);
                else
                    lex_error(L, at(line, col), "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
                return false;
            }
            L->depth--;
        }
        for (size_t k = 0; k < n; k++) adv(L);
        return push(L, ops[i].kind, start, line, col) != NULL;
    }
    /* not an operator: an invalid character */
    uint32_t cp;
    int n = utf8_decode((const unsigned char *)L->p, avail, &cp);
    if (n > 1) lex_error(L, at(line, col), "invalid character '%.*s' (U+%04X)", n, L->p, (unsigned)cp);
    else if (n == 0) lex_error(L, at(line, col), "Non-UTF-8 code starting with '\\x%02x'", (unsigned char)*L->p);
    else if (cp < 0x20 || cp == 0x7F) lex_error(L, at(line, col), "invalid non-printable character U+%04X", (unsigned)cp);
    else lex_error(L, at(line, col), "invalid syntax");
    return false;
}

/* ---- names, keywords, string prefixes --------------------------------------------- */
static bool lex_name(Lexer *L) {
    const char *start = L->p;
    int line = L->line, col = L->col;
    while (L->p < L->end && is_id_char((unsigned char)*L->p)) {
        if ((unsigned char)*L->p >= 0x80) {
            uint32_t cp;
            int n = utf8_decode((const unsigned char *)L->p, (size_t)(L->end - L->p), &cp);
            if (n == 0) {
                lex_error(L, at(L->line, L->col), "Non-UTF-8 code starting with '\\x%02x'", (unsigned char)*L->p);
                return false;
            }
            if (cp_is_symbol(cp)) {
                if (L->p == start) {
                    lex_error(L, at(L->line, L->col), "invalid character '%.*s' (U+%04X)", n, L->p, (unsigned)cp);
                    return false;
                }
                break;
            }
            for (int k = 0; k < n; k++) adv(L);
            continue;
        }
        adv(L);
    }
    size_t n = (size_t)(L->p - start);
    int q = peekc(L, 0);
    if ((q == '\'' || q == '"') && n <= 2) {
        bool r = false, f = false, b = false, u = false, ok = true;
        for (size_t i = 0; i < n; i++) {
            char c = (char)(start[i] | 0x20);
            if (c == 'r' && !r) r = true;
            else if (c == 'f' && !f) f = true;
            else if (c == 'b' && !b) b = true;
            else if (c == 'u' && !u) u = true;
            else ok = false;
        }
        if (u && (n > 1)) ok = false;
        if (f && b) ok = false;
        if (ok) return lex_string(L, start, line, col, r, f, b);
    }
    TokKind kind = T_NAME;
    for (const uint8_t *cand = kw_first[(unsigned char)start[0]]; *cand; cand++) {
        int k = K_AND + *cand - 1;
        const char *kw = lex_tok_text[k];
        if (strlen(kw) == n && memcmp(kw, start, n) == 0) { kind = (TokKind)k; break; }
    }
    return push(L, kind, start, line, col) != NULL;
}

/* ---- layout ----------------------------------------------------------------------- */
/* At the start of a logical line: measure indentation, skip blank lines, emit INDENT/DEDENT.
 * Returns false at end of text or on error. */
static bool lex_line_start(Lexer *L) {
    for (;;) {
        int col = 0, alt = 0;
        const char *ls = L->p;
        while (L->p < L->end) {
            char c = *L->p;
            if (c == ' ') { col++; alt++; }
            else if (c == '\t') { col = (col / 8 + 1) * 8; alt++; }
            else if (c == '\f') { col = alt = 0; }
            else break;
            adv(L);
        }
        (void)ls;
        if (L->p >= L->end) return false;
        char c = *L->p;
        if (c == '#' || c == '\n' || c == '\r') { /* blank or comment-only line */
            while (L->p < L->end && *L->p != '\n') adv(L);
            if (L->p < L->end) adv(L);
            continue;
        }
        int top = L->indents[L->nindent - 1], alttop = L->altindents[L->nindent - 1];
        if (col == top) {
            if (alt != alttop) goto tab_error;
        } else if (col > top) {
            if (L->nindent > MAX_INDENT) {
                lex_error_kind(L, EXC_IndentationError, at(L->line, col > 0 ? col : 1), "too many levels of indentation");
                return false;
            }
            if (alt <= alttop) goto tab_error;
            L->indents[L->nindent] = col;
            L->altindents[L->nindent] = alt;
            L->nindent++;
            Token *t = push(L, T_INDENT, L->p, L->line, L->col);
            if (!t) return false;
            t->span = at(L->line, col > 0 ? col : 1); /* CPython's caret for "unexpected indent" */
        } else {
            while (L->nindent > 1 && col < L->indents[L->nindent - 1]) {
                L->nindent--;
                if (!push(L, T_DEDENT, L->p, L->line, L->col)) return false;
            }
            if (col != L->indents[L->nindent - 1]) {
                lex_error_kind(L, EXC_IndentationError, at(L->line, col + 2),
                               "unindent does not match any outer indentation level");
                return false;
            }
            if (alt != L->altindents[L->nindent - 1]) goto tab_error;
        }
        return true;
    tab_error:
        lex_error_kind(L, EXC_IndentationError, at(L->line, 1), "inconsistent use of tabs and spaces in indentation");
        return false;
    }
}

bool lex_run(Lexer *L) {
    bool expr_mode = (L->flags & LEX_EXPR) != 0;
    bool line_start = !expr_mode;
    /* a UTF-8 byte order mark at the very start is ignored */
    if (L->end - L->p >= 3 && memcmp(L->p, "\xEF\xBB\xBF", 3) == 0) L->p += 3;
    if (!expr_mode) { /* the whole text must be UTF-8 without NUL bytes, strings and comments included */
        int line = L->line, col = L->col;
        for (const char *q = L->p; q < L->end;) {
            uint32_t cp;
            int n = utf8_decode((const unsigned char *)q, (size_t)(L->end - q), &cp);
            if (n == 0 || cp == 0) {
                if (n == 0) lex_error(L, at(line, col), "Non-UTF-8 code starting with '\\x%02x'", (unsigned char)*q);
                else lex_error(L, at(line, col), "source code cannot contain null bytes");
                break;
            }
            if (cp == '\n') { line++; col = 1; } else col++;
            q += n;
        }
    }
    for (;;) {
        if (L->has_err || L->oom || L->incomplete) break;
        if (line_start) {
            line_start = false;
            if (!lex_line_start(L)) break;
        }
        bool space = false;
        while (L->p < L->end && (*L->p == ' ' || *L->p == '\t' || *L->p == '\f' || *L->p == '\r')) { adv(L); space = true; }
        if (L->p >= L->end) break;
        char c = *L->p;
        if (c == '#') {
            while (L->p < L->end && *L->p != '\n') adv(L);
            continue;
        }
        if (c == '\n') {
            if (L->depth > 0 || expr_mode) { adv(L); continue; }
            if (L->line_has_tokens) {
                const char *s = L->p;
                int line = L->line, col = L->col;
                adv(L);
                Token *t = push(L, T_NEWLINE, s, line, col);
                if (!t) break;
                t->span = at(line, col);
                L->line_has_tokens = false;
            } else {
                adv(L);
            }
            line_start = true;
            continue;
        }
        if (c == '\\') {
            adv(L);
            if (L->p < L->end && *L->p == '\r') adv(L);
            if (L->p >= L->end) {
                if (L->flags & LEX_INTERACTIVE) L->incomplete = true;
                else lex_error(L, at(L->line, L->col), "unexpected EOF while parsing");
                break;
            }
            if (*L->p != '\n') {
                lex_error(L, at(L->line, L->col), "unexpected character after line continuation character");
                break;
            }
            adv(L);
            if (L->p >= L->end && !L->line_has_tokens && L->depth == 0 && !expr_mode) {
                if (L->flags & LEX_INTERACTIVE) L->incomplete = true;
                else lex_error(L, at(L->line, L->col), "unexpected EOF while parsing");
                break;
            }
            continue;
        }
        int ntok = L->ntoks;
        if (is_digit((unsigned char)c) || (c == '.' && is_digit(peekc(L, 1)))) lex_number(L);
        else if (is_id_start((unsigned char)c)) lex_name(L);
        else if (c == '\'' || c == '"') lex_string(L, L->p, L->line, L->col, false, false, false);
        else lex_op(L);
        if (L->ntoks > ntok) {
            L->toks[ntok].space_before = space;
            L->line_has_tokens = true;
        }
    }
    if (L->oom) return false;
    if (L->has_err) {
        Token *t = push(L, T_ERROR, L->p, L->err.span.line, L->err.span.col);
        if (t) t->span = L->err.span;
        if (!push(L, T_EOF, L->p, L->line, L->col)) return false;
        return !L->oom;
    }
    if (L->incomplete) return push(L, T_EOF, L->p, L->line, L->col) != NULL;
    if (L->depth > 0 && !expr_mode) {
        if (L->flags & LEX_INTERACTIVE) {
            L->incomplete = true;
            return push(L, T_EOF, L->p, L->line, L->col) != NULL;
        }
        Span s = L->bracket_span[L->depth - 1];
        lex_error(L, s, "'%c' was never closed", L->brackets[L->depth - 1]);
        L->unclosed = true;
        Token *t = push(L, T_ERROR, L->p, s.line, s.col);
        if (t) t->span = s;
        return push(L, T_EOF, L->p, L->line, L->col) != NULL && !L->oom;
    }
    if (L->line_has_tokens && !expr_mode) {
        Token *t = push(L, T_NEWLINE, L->p, L->line, L->col);
        if (!t) return false;
        t->span = at(L->line, L->col);
    }
    while (L->nindent > 1) {
        L->nindent--;
        if (!push(L, T_DEDENT, L->p, L->line, L->col)) return false;
    }
    return push(L, T_EOF, L->p, L->line, L->col) != NULL;
}
