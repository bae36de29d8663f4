/* test_lexer.c — tokens, layout (INDENT/DEDENT), numbers, strings, f-string bodies, errors. */
#include <criterion/criterion.h>
#include <string.h>
#include "lexer.h"
#include "mem.h"

TestSuite(lexer, .timeout = 10.0);

/* Kinds of all tokens of src, space-separated, by their tokens.def text
 * ("name", "=", "integer", "newline", "indent", ...). */
static char *kinds(const char *src, int flags) {
    static char buf[4096];
    Lexer L;
    lex_init(&L, src, strlen(src), 1, 1, flags);
    cr_assert(lex_run(&L));
    buf[0] = 0;
    for (int i = 0; i < L.ntoks; i++) {
        if (i) strcat(buf, " ");
        strcat(buf, lex_tok_text[L.toks[i].kind]);
    }
    lex_free(&L);
    return buf;
}

/* Lex, expect an error; returns "line:col msg". */
static char *lex_err(const char *src) {
    static char buf[512];
    Lexer L;
    lex_init(&L, src, strlen(src), 1, 1, 0);
    cr_assert(lex_run(&L));
    cr_assert(L.has_err, "expected a lexer error for %s", src);
    snprintf(buf, sizeof buf, "%d:%d %s", L.err.span.line, L.err.span.col, L.err.msg);
    cr_assert_eq(L.toks[L.ntoks - 2].kind, T_ERROR);
    cr_assert_eq(L.toks[L.ntoks - 1].kind, T_EOF);
    lex_free(&L);
    return buf;
}

Test(lexer, simple_line) {
    cr_assert_str_eq(kinds("x = 1 + 2.5", 0), "name = integer + float newline end of input");
    cr_assert_str_eq(kinds("", 0), "end of input");
    cr_assert_str_eq(kinds("\n\n  # only a comment\n", 0), "end of input");
}

Test(lexer, keywords_and_operators) {
    cr_assert_str_eq(kinds("if not a is None and b in c: pass", 0),
                     "if not name is None and name in name : pass newline end of input");
    cr_assert_str_eq(kinds("a //= b ** c @ d -> e != f <= g", 0),
                     "name //= name ** name @ name -> name != name <= name newline end of input");
    cr_assert_str_eq(kinds("class try yield", 0), "class try yield newline end of input");
    cr_assert_str_eq(kinds("x | y << 2", 0), "name | name << integer newline end of input");
}

Test(lexer, indent_dedent) {
    const char *src = "if x:\n    y = 1\n    if z:\n        w\n\n# c\nv\n";
    cr_assert_str_eq(kinds(src, 0),
                     "if name : newline indent name = integer newline if name : newline indent name newline "
                     "dedent dedent name newline end of input");
    /* dedents at end of text, no trailing newline */
    cr_assert_str_eq(kinds("def f():\n  return 1", 0),
                     "def name ( ) : newline indent return integer newline dedent end of input");
    /* blank lines with whitespace and comment lines at any indentation are ignored */
    cr_assert_str_eq(kinds("if a:\n  b\n      \n        # x\n  c\n", 0),
                     "if name : newline indent name newline name newline dedent end of input");
}

Test(lexer, implicit_and_explicit_joining) {
    cr_assert_str_eq(kinds("x = (1,\n     2)\ny", 0), "name = ( integer , integer ) newline name newline end of input");
    cr_assert_str_eq(kinds("x = 1 + \\\n  2\n", 0), "name = integer + integer newline end of input");
    cr_assert_str_eq(kinds("f(\n  a,\n\n  # c\n  b)\n", 0), "name ( name , name ) newline end of input");
}

Test(lexer, tabs) {
    cr_assert_str_eq(kinds("if x:\n\ty\n\tz\n", 0), "if name : newline indent name newline name newline dedent end of input");
    cr_assert_str_eq(lex_err("if x:\n\ta\n        b\n"), "3:1 inconsistent use of tabs and spaces in indentation");
}

Test(lexer, spans) {
    Lexer L;
    const char *src = "x = 'é' + y\n  z";
    lex_init(&L, src, strlen(src), 1, 1, 0);
    cr_assert(lex_run(&L));
    cr_assert_eq(L.toks[2].span.col, 5);
    cr_assert_eq(L.toks[2].span.end_col, 8);   /* columns count code points */
    cr_assert_eq(L.toks[3].span.col, 9);
    cr_assert_eq(L.toks[4].span.col, 11);
    lex_free(&L);
}

Test(lexer, numbers) {
    Lexer L;
    const char *src = "10 1_000 0x1f 0o17 0b101 0 00 9223372036854775807 1. .5 1e-3 1_0.5 2E+2";
    lex_init(&L, src, strlen(src), 1, 1, 0);
    cr_assert(lex_run(&L));
    int64_t ints[] = {10, 1000, 31, 15, 5, 0, 0, INT64_MAX};
    for (int i = 0; i < 8; i++) {
        cr_assert_eq(L.toks[i].kind, T_INT, "token %d", i);
        cr_assert_eq(L.toks[i].ival, ints[i], "token %d", i);
    }
    double fl[] = {1.0, 0.5, 1e-3, 10.5, 200.0};
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(L.toks[8 + i].kind, T_FLOAT);
        cr_assert_float_eq(L.toks[8 + i].fval, fl[i], 1e-15);
    }
    lex_free(&L);
}

Test(lexer, number_errors) {
    cr_assert_str_eq(lex_err("x = 1abc"), "1:5 invalid decimal literal");
    cr_assert_str_eq(lex_err("x = 1_"), "1:6 invalid decimal literal");
    cr_assert_str_eq(lex_err("x = 1__0"), "1:6 invalid decimal literal");
    cr_assert_str_eq(lex_err("x = 0x"), "1:6 invalid hexadecimal literal");
    cr_assert_str_eq(lex_err("x = 0b12"), "1:8 invalid digit '2' in binary literal");
    cr_assert_str_eq(lex_err("x = 0o8"), "1:7 invalid digit '8' in octal literal");
    cr_assert_str_eq(lex_err("x = 012"),
                     "1:5 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    cr_assert_str_eq(lex_err("x = 9223372036854775808"), "1:5 integer literal too large");
    cr_assert_str_eq(lex_err("x = 0x10000000000000000"), "1:5 integer literal too large");
    cr_assert_str_eq(lex_err("x = 1j"), "1:5 complex numbers are not supported in ag");
}

static char *str_of(const char *src) {
    static char buf[256];
    Lexer L;
    lex_init(&L, src, strlen(src), 1, 1, 0);
    cr_assert(lex_run(&L));
    cr_assert_eq(L.toks[0].kind, T_STRING, "not a string: %s", src);
    memcpy(buf, L.toks[0].sval, L.toks[0].slen + 1);
    lex_free(&L);
    return buf;
}

Test(lexer, strings_and_escapes) {
    cr_assert_str_eq(str_of("'abc'"), "abc");
    cr_assert_str_eq(str_of("\"a'b\""), "a'b");
    cr_assert_str_eq(str_of("'a\\n\\t\\\\\\'\\\"'"), "a\n\t\\'\"");
    cr_assert_str_eq(str_of("'\\x41\\u00e9\\U0001F600\\101\\0'x"), "A\xc3\xa9\xf0\x9f\x98\x80" "A");
    cr_assert_str_eq(str_of("'''a\nb'''"), "a\nb");
    cr_assert_str_eq(str_of("\"\"\"x\"y\"\"\""), "x\"y");
    cr_assert_str_eq(str_of("r'\\n\\d'"), "\\n\\d");
    cr_assert_str_eq(str_of("'a\\\nb'"), "ab");
    cr_assert_str_eq(str_of("'\\d'"), "\\d"); /* unknown escapes keep the backslash */
    cr_assert_str_eq(str_of("U'x'"), "x");
}

Test(lexer, string_errors) {
    cr_assert_str_eq(lex_err("s = 'abc"), "1:5 unterminated string literal (detected at line 1)");
    cr_assert_str_eq(lex_err("s = 'abc\nx'"), "1:5 unterminated string literal (detected at line 1)");
    cr_assert_str_eq(lex_err("s = '''abc\n\n"), "1:5 unterminated triple-quoted string literal (detected at line 2)");
    cr_assert_str_eq(lex_err("x = b'abc'"), "1:5 bytes are not supported in ag");
    cr_assert_str_eq(lex_err("x = 'a\\xZZ'"),
                     "1:12 (unicode error) 'unicodeescape' codec can't decode bytes in position 1-2: truncated \\xXX escape");
}

Test(lexer, fstring_token) {
    Lexer L;
    const char *src = "x = f'a{b}' rf\"{c}\\n\"";
    lex_init(&L, src, strlen(src), 1, 1, 0);
    cr_assert(lex_run(&L));
    cr_assert_eq(L.toks[2].kind, T_FSTRING);
    cr_assert_eq(L.toks[2].body_len, 4);
    cr_assert(memcmp(L.toks[2].body, "a{b}", 4) == 0);
    cr_assert_eq(L.toks[2].body_col, 7);
    cr_assert(!L.toks[2].raw);
    cr_assert_eq(L.toks[3].kind, T_FSTRING);
    cr_assert(L.toks[3].raw);
    cr_assert(memcmp(L.toks[3].body, "{c}\\n", 5) == 0);
    lex_free(&L);
}

Test(lexer, bracket_errors) {
    cr_assert_str_eq(lex_err("x = )"), "1:5 unmatched ')'");
    cr_assert_str_eq(lex_err("x = (]"), "1:6 closing parenthesis ']' does not match opening parenthesis '('");
    cr_assert_str_eq(lex_err("x = (\n]"), "2:1 closing parenthesis ']' does not match opening parenthesis '(' on line 1");
    cr_assert_str_eq(lex_err("foo(1,\n  2"), "1:4 '(' was never closed");
}

Test(lexer, layout_errors) {
    cr_assert_str_eq(lex_err("if x:\n    a\n  b"), "3:4 unindent does not match any outer indentation level");
    cr_assert_str_eq(lex_err("x = \\"), "1:6 unexpected EOF while parsing");
    cr_assert_str_eq(lex_err("x = 1 \\ 2"), "1:8 unexpected character after line continuation character");
    cr_assert_str_eq(lex_err("x = \xe2\x82\xac"), "1:5 invalid character '\xe2\x82\xac' (U+20AC)");
    cr_assert_str_eq(lex_err("x = $"), "1:5 invalid syntax");
}

Test(lexer, encoding_errors) {
    cr_assert_str_eq(lex_err("x = 1\ns = 'a\xff'"), "2:7 Non-UTF-8 code starting with '\\xff'");
    cr_assert_str_eq(lex_err("# \xc3\nx = 1"), "1:3 Non-UTF-8 code starting with '\\xc3'");
    Lexer L;
    lex_init(&L, "x = 1\0\n", 7, 1, 1, 0);
    cr_assert(lex_run(&L));
    cr_assert(L.has_err);
    cr_assert_str_eq(L.err.msg, "source code cannot contain null bytes");
    lex_free(&L);
}

Test(lexer, interactive_incomplete) {
    const char *srcs[] = {"x = (1,\n", "s = '''abc\n", "x = 1 + \\", "f(a,\n  [b,\n"};
    for (int i = 0; i < 4; i++) {
        Lexer L;
        lex_init(&L, srcs[i], strlen(srcs[i]), 1, 1, LEX_INTERACTIVE);
        cr_assert(lex_run(&L));
        cr_assert(L.incomplete, "%s", srcs[i]);
        cr_assert(!L.has_err, "%s", srcs[i]);
        lex_free(&L);
    }
}

Test(lexer, too_deep) {
    static char buf[20001];
    memset(buf, '(', 10000);
    memset(buf + 10000, ')', 10000);
    buf[20000] = 0;
    cr_assert_str_eq(lex_err(buf), "1:201 too many nested parentheses");
    static char ind[16384];
    ind[0] = 0;
    size_t n = 0;
    for (int i = 0; i < 110; i++) {
        for (int k = 0; k < i; k++) ind[n++] = ' ';
        memcpy(ind + n, "if x:\n", 6);
        n += 6;
    }
    ind[n] = 0;
    cr_assert(strstr(lex_err(ind), "too many levels of indentation"));
}

Test(lexer, expr_mode) {
    /* f-string expression parts: newlines ignored, no NEWLINE/INDENT */
    cr_assert_str_eq(kinds("a +\n   b", LEX_EXPR), "name + name end of input");
}
