/* test_parser.c — AST dumps of representative programs, every syntax error message with its
 * line:col (CPython 3.11's words and caret), incomplete-input detection, deep nesting. */
#include <criterion/criterion.h>
#include <string.h>
#include "interp.h"
#include "mem.h"
#include "parser.h"

static Interp *I;
static void setup(void) { I = interp_new(0, NULL); cr_assert(I); }
static void teardown(void) { interp_free(I); }
TestSuite(parser, .init = setup, .fini = teardown, .timeout = 10.0);

static uint64_t fail_at; /* out_of_memory test: make allocation n of the parse fail */
static ParseStatus run(const char *text, bool interactive, ParseResult *r) {
    Source *s = src_new("t.ag", text, strlen(text));
    cr_assert(s);
    mem_fail_at(fail_at);
    ParseStatus st = parse_source(I, s, interactive, r);
    mem_fail_at(0);
    src_decref(s); /* the Ast keeps its own reference */
    return st;
}

/* The dump of every top-level statement, one per line. */
static char *dump(const char *text) {
    static char buf[8192];
    ParseResult r;
    ParseStatus st = run(text, false, &r);
    if (st != PARSE_OK) {
        cr_assert_fail("parse failed for %s: %d:%d %s", text, r.ndiags ? r.diags[0].span.line : 0,
                       r.ndiags ? r.diags[0].span.col : 0, r.ndiags ? r.diags[0].msg : "?");
    }
    StrBuf sb;
    sb_init(&sb);
    for (int i = 0; i < r.ast->body.n; i++) {
        if (i) sb_putc(&sb, '\n');
        ast_dump(r.ast->body.items[i], &sb, 0);
    }
    snprintf(buf, sizeof buf, "%s", sb.data ? sb.data : "");
    sb_free(&sb);
    parse_result_free(&r);
    return buf;
}

/* "Kind line:col: msg" for the first diagnostic, plus " (+N)" when there are more. */
static char *err(const char *text) {
    static char buf[1024];
    ParseResult r;
    ParseStatus st = run(text, false, &r);
    cr_assert_eq(st, PARSE_ERROR, "expected an error for %s", text);
    cr_assert(r.ndiags >= 1);
    int n = snprintf(buf, sizeof buf, "%s %d:%d: %s", r.diags[0].kind == EXC_IndentationError ? "IndentationError" : "SyntaxError",
                     r.diags[0].span.line, r.diags[0].span.col, r.diags[0].msg);
    if (r.ndiags > 1) snprintf(buf + n, sizeof buf - (size_t)n, " (+%d)", r.ndiags - 1);
    parse_result_free(&r);
    return buf;
}

static ParseStatus status(const char *text, bool interactive) {
    ParseResult r;
    ParseStatus st = run(text, interactive, &r);
    parse_result_free(&r);
    return st;
}

/* ---- trees ------------------------------------------------------------------------ */
Test(parser, precedence) {
    cr_assert_str_eq(dump("x = 1 + 2 * 3 - 4"), "(= x (- (+ 1 (* 2 3)) 4))");
    cr_assert_str_eq(dump("-2**2"), "(expr (- (** 2 2)))");
    cr_assert_str_eq(dump("2**-1"), "(expr (** 2 (- 1)))");
    cr_assert_str_eq(dump("2**3**2"), "(expr (** 2 (** 3 2)))");
    cr_assert_str_eq(dump("a @ b / c // d % e"), "(expr (% (// (/ (@ a b) c) d) e))");
    cr_assert_str_eq(dump("not a == b or c and d"), "(expr (or (not (cmp a == b)) (and c d)))");
    cr_assert_str_eq(dump("a < b <= c != d"), "(expr (cmp a < b <= c != d))");
    cr_assert_str_eq(dump("a in b not in c is d is not e"), "(expr (cmp a in b not in c is d is not e))");
    cr_assert_str_eq(dump("x if c else y if d else z"), "(expr (ifexp c x (ifexp d y z)))");
    cr_assert_str_eq(dump("~-+x"), "(expr (~ (- (+ x))))");
    /* bitwise: '|' < '^' < '&' < shifts < '+' '-'; comparisons bind looser than '|' */
    cr_assert_str_eq(dump("a | b ^ c & d << e + f"), "(expr (| a (^ b (& c (<< d (+ e f))))))");
    cr_assert_str_eq(dump("a + b >> c - d"), "(expr (>> (+ a b) (- c d)))");
    cr_assert_str_eq(dump("a & b | c & d"), "(expr (| (& a b) (& c d)))");
    cr_assert_str_eq(dump("a ^ b ^ c"), "(expr (^ (^ a b) c))");
    cr_assert_str_eq(dump("a << b >> c"), "(expr (>> (<< a b) c))");
    cr_assert_str_eq(dump("x < y | z"), "(expr (cmp x < (| y z)))");
    cr_assert_str_eq(dump("(x > 0) & (x < 3)"), "(expr (& (cmp x > 0) (cmp x < 3)))");
    cr_assert_str_eq(dump("m = ~a & b"), "(= m (& (~ a) b))");
    cr_assert_str_eq(dump("~a ** 2"), "(expr (~ (** a 2)))");
    cr_assert_str_eq(dump("not a | b"), "(expr (not (| a b)))");
    cr_assert_str_eq(dump("x &= 1\nx |= 2\nx ^= 3\nx <<= 4\nx >>= 5"),
                     "(&= x 1)\n(|= x 2)\n(^= x 3)\n(<<= x 4)\n(>>= x 5)");
    cr_assert_str_eq(err("x = 1 |"), "SyntaxError 1:8: invalid syntax");
    cr_assert_str_eq(dump("lambda a, b=2, *c: a + b"), "(expr (lambda (a (b 2) *c) (+ a b)))");
    cr_assert_str_eq(dump("lambda: 0"), "(expr (lambda () 0))");
    cr_assert_str_eq(dump("lambda *, z: z"), "(expr (lambda (* z) z))");
    cr_assert_str_eq(dump("def f(a, *r, k=1, j): pass"), "(def f (a *r (k 1) j)\n  (pass))");
}

Test(parser, literals) {
    cr_assert_str_eq(dump("x = [1, 2.5, 'a', None, True, False, 1e16, 0.1]"),
                     "(= x (list 1 2.5 'a' None True False 1e+16 0.1))");
    cr_assert_str_eq(dump("x = 'a' \"b\" '''c'''"), "(= x 'abc')");
    cr_assert_str_eq(dump("t = (), (1,), (1, 2,)"), "(= t (tuple (tuple) (tuple 1) (tuple 1 2)))");
    cr_assert_str_eq(dump("d = {}, {'a': 1, 'b': [2],}"), "(= d (tuple (dict) (dict ('a' 1) ('b' (list 2)))))");
    cr_assert_str_eq(dump("x = (1)"), "(= x 1)");
}

Test(parser, primaries) {
    cr_assert_str_eq(dump("f(1, x, k=2, *xs)"), "(expr (call f 1 x (kw k 2) (*xs)))");
    cr_assert_str_eq(dump("a.b.c(d)[e].f"), "(expr (. ([] (call (. (. a b) c) d) e) f))");
    cr_assert_str_eq(dump("a[1:3]"), "(expr ([] a (slice 1 3 _)))");
    cr_assert_str_eq(dump("a[::-1]"), "(expr ([] a (slice _ _ (- 1))))");
    cr_assert_str_eq(dump("a[0, 1]"), "(expr ([] a (tuple 0 1)))");
    cr_assert_str_eq(dump("a[:, 0]"), "(expr ([] a (tuple (slice _ _ _) 0)))");
    cr_assert_str_eq(dump("a[1:]"), "(expr ([] a (slice 1 _ _)))");
    cr_assert_str_eq(dump("f()()"), "(expr (call (call f)))");
}

Test(parser, comprehensions) {
    cr_assert_str_eq(dump("[x*y for x in xs if x for y in ys if y if x]"),
                     "(expr (listcomp (* x y) (for x xs (if x)) (for y ys (if y) (if x))))");
    cr_assert_str_eq(dump("{k: v for k, v in d.items()}"),
                     "(expr (dictcomp k v (for (tuple k v) (call (. d items)))))");
    cr_assert_str_eq(dump("sum(x*x for x in xs)"), "(expr (call sum (genexp (* x x) (for x xs))))");
    cr_assert_str_eq(dump("g = (x for x in y)"), "(= g (genexp x (for x y)))");
}

Test(parser, assignments) {
    cr_assert_str_eq(dump("a = b = 1"), "(= a b 1)");
    cr_assert_str_eq(dump("a, b = b, a"), "(= (tuple a b) (tuple b a))");
    cr_assert_str_eq(dump("x.attr = y[i] = 0"), "(= (. x attr) ([] y i) 0)");
    cr_assert_str_eq(dump("[a, *b] = c"), "(= (list a (* b)) c)");
    cr_assert_str_eq(dump("a, *b = c"), "(= (tuple a (* b)) c)");
    cr_assert_str_eq(dump("x += 1\nx -= 1\nx *= 2\nx /= 2\nx //= 2\nx %= 2\nx **= 2\nx @= w"),
                     "(+= x 1)\n(-= x 1)\n(*= x 2)\n(/= x 2)\n(//= x 2)\n(%= x 2)\n(**= x 2)\n(@= x w)");
    cr_assert_str_eq(dump("w.grad -= lr * w.grad"), "(-= (. w grad) (* lr (. w grad)))");
    cr_assert_str_eq(dump("x = 1; y = 2;"), "(= x 1)\n(= y 2)");
}

Test(parser, compound) {
    cr_assert_str_eq(dump("if a:\n    b\nelif c:\n    d\nelse:\n    e\n"),
                     "(if a\n  (expr b)\n  (else\n    (if c\n      (expr d)\n      (else\n        (expr e)))))");
    cr_assert_str_eq(dump("for i, x in enumerate(xs):\n    if x: continue\n    break\nelse:\n    pass"),
                     "(for (tuple i x) (call enumerate xs)\n  (if x\n    (continue))\n  (break)\n  (else\n    (pass)))");
    cr_assert_str_eq(dump("while n > 0: n -= 1"), "(while (cmp n > 0)\n  (-= n 1))");
    cr_assert_str_eq(dump("with torch.no_grad():\n    w -= 1"), "(with (call (. torch no_grad))\n  (-= w 1))");
    cr_assert_str_eq(dump("with open(f) as g, h as k: pass"), "(with (call open f) as g\n  (with h as k\n    (pass)))");
    cr_assert_str_eq(dump("if x: y = 1; z = 2"), "(if x\n  (= y 1)\n  (= z 2))");
}

Test(parser, functions) {
    cr_assert_str_eq(dump("def f(a, b=1, *rest):\n    \"\"\"Doc.\"\"\"\n    return a\n"),
                     "(def f (a (b 1) *rest) (doc 'Doc.')\n  (expr 'Doc.')\n  (return a))");
    cr_assert_str_eq(dump("def g(): return"), "(def g ()\n  (return))");
    cr_assert_str_eq(dump("def h(x: int = 1) -> int:\n  return x, 2"), "(def h ((x 1))\n  (return (tuple x 2)))");
    cr_assert_str_eq(dump("def f():\n  global a, b\n  def g():\n    nonlocal c\n"),
                     "(def f ()\n  (global a b)\n  (def g ()\n    (nonlocal c)))");
}

Test(parser, other_statements) {
    cr_assert_str_eq(dump("import numpy as np, torch, a.b.c"), "(import numpy as np, torch, a.b.c)");
    cr_assert_str_eq(dump("from a.b import c as d, e"), "(from a.b import c as d, e)");
    cr_assert_str_eq(dump("from m import (a,\n  b,)"), "(from m import a, b)");
    cr_assert_str_eq(dump("assert x, 'msg'\nassert y"), "(assert x 'msg')\n(assert y)");
    cr_assert_str_eq(dump("del a, b[1], c.d"), "(del a ([] b 1) (. c d))");
    cr_assert_str_eq(dump("pass\n'docstring anywhere'"), "(pass)\n(expr 'docstring anywhere')");
    cr_assert_str_eq(dump("match = 1"), "(= match 1)");
}

Test(parser, fstrings) {
    cr_assert_str_eq(dump("f'a{b}c{d!r}{e:>10}'"), "(expr (f 'a' {b} 'c' {d !r} {e :(f '>10')}))");
    cr_assert_str_eq(dump("f'{x=}{ y = }{z=:.2f}{w=!s}'"),
                     "(expr (f {'x=' x !r} {' y = ' y !r} {'z=' z :(f '.2f')} {'w=' w !s}))");
    cr_assert_str_eq(dump("f'{x:{w}.{p}f}'"), "(expr (f {x :(f {w} '.' {p} 'f')}))");
    cr_assert_str_eq(dump("f'{{a}}{1+2}' 'z' rf'\\n{q}'"), "(expr (f '{a}' {(+ 1 2)} 'z\\\\n' {q}))");
    cr_assert_str_eq(dump("f'{a!=b}{c<d}{e[\"k\"]}{g(1, h=2)}'"),
                     "(expr (f {(cmp a != b)} {(cmp c < d)} {([] e 'k')} {(call g 1 (kw h 2))}))");
    cr_assert_str_eq(dump("f'plain'"), "(expr 'plain')");
    cr_assert_str_eq(dump("f'\\t{x}'"), "(expr (f '\\t' {x}))");
    cr_assert_str_eq(dump("f'''{\n x\n}'''"), "(expr (f {x}))");
}

Test(parser, spans) {
    ParseResult r;
    cr_assert_eq(run("x = 1\nif y:\n    z = f(a) + b.c\n", false, &r), PARSE_OK);
    Node *ifs = r.ast->body.items[1];
    Node *asg = ifs->u.if_.body.items[0];
    Node *v = asg->u.assign.value;
    cr_assert_eq(v->span.line, 3);
    cr_assert_eq(v->span.col, 9);
    cr_assert_eq(v->span.end_col, 19);
    cr_assert_eq(v->u.binop.right->u.attr.attr_span.col, 18);
    cr_assert_eq(asg->u.assign.targets[0]->u.name.scope, SCOPE_UNRESOLVED);
    parse_result_free(&r);
    /* f-string expressions carry their real position in the source */
    cr_assert_eq(run("s = f'ab{xy}'", false, &r), PARSE_OK);
    Node *f = r.ast->body.items[0]->u.assign.value;
    cr_assert_eq(f->u.fstring.parts[1].expr->span.col, 10);
    parse_result_free(&r);
}

/* ---- errors (CPython 3.11's message and caret) ------------------------------------- */
Test(parser, errors_basic) {
    cr_assert_str_eq(err("x = "), "SyntaxError 1:5: invalid syntax");
    cr_assert_str_eq(err("a b"), "SyntaxError 1:3: invalid syntax");
    cr_assert_str_eq(err("x = 3 +* 4"), "SyntaxError 1:8: invalid syntax");
    cr_assert_str_eq(err("if x\n  pass"), "SyntaxError 1:5: expected ':'");
    cr_assert_str_eq(err("for x in y\n  pass"), "SyntaxError 1:11: expected ':'");
    cr_assert_str_eq(err("else: pass"), "SyntaxError 1:1: invalid syntax");
    cr_assert_str_eq(err("x = 1 if y"), "SyntaxError 1:5: expected 'else' after 'if' expression");
    cr_assert_str_eq(err("print \"hi\""), "SyntaxError 1:1: Missing parentheses in call to 'print'. Did you mean print(...)?");
    cr_assert_str_eq(err("if x = 1:\n  pass"), "SyntaxError 1:4: invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    cr_assert_str_eq(err("f(1 2)"), "SyntaxError 1:3: invalid syntax. Perhaps you forgot a comma?");
    cr_assert_str_eq(err("x = {1: 2, 3}"), "SyntaxError 1:12: ':' expected after dictionary key");
    cr_assert_str_eq(err("from x import a, b,"), "SyntaxError 1:20: trailing comma not allowed without surrounding parentheses");
}

Test(parser, errors_brackets) {
    cr_assert_str_eq(err("foo(1"), "SyntaxError 1:4: '(' was never closed");
    cr_assert_str_eq(err("foo(1 2"), "SyntaxError 1:4: '(' was never closed");
    cr_assert_str_eq(err("x = [1, 2\ny = 3"), "SyntaxError 1:5: '[' was never closed");
    cr_assert_str_eq(err("x = )"), "SyntaxError 1:5: unmatched ')'");
    cr_assert_str_eq(err("x = (]"), "SyntaxError 1:6: closing parenthesis ']' does not match opening parenthesis '('");
    cr_assert_str_eq(err("def f(:\n  pass"), "SyntaxError 1:7: invalid syntax");
}

Test(parser, errors_layout) {
    cr_assert_str_eq(err("  x = 1"), "IndentationError 1:2: unexpected indent");
    cr_assert_str_eq(err("if True:\n    x = 1\n     y = 2"), "IndentationError 3:5: unexpected indent");
    cr_assert_str_eq(err("if x:\ny = 1"), "IndentationError 2:1: expected an indented block after 'if' statement on line 1");
    cr_assert_str_eq(err("if x:"), "IndentationError 1:6: expected an indented block after 'if' statement on line 1");
    cr_assert_str_eq(err("def f():\nreturn"), "IndentationError 2:1: expected an indented block after function definition on line 1");
    cr_assert_str_eq(err("for x in y:\n  pass\nelse:\nz"),
                     "IndentationError 4:1: expected an indented block after 'else' statement on line 3");
    cr_assert_str_eq(err("if x:\n    a\n  b"), "IndentationError 3:4: unindent does not match any outer indentation level");
}

Test(parser, errors_lexical) {
    cr_assert_str_eq(err("s = 'abc"), "SyntaxError 1:5: unterminated string literal (detected at line 1)");
    cr_assert_str_eq(err("s = '''abc"), "SyntaxError 1:5: unterminated triple-quoted string literal (detected at line 1)");
    cr_assert_str_eq(err("x = 1abc"), "SyntaxError 1:5: invalid decimal literal");
    cr_assert_str_eq(err("x = 1.real"), "SyntaxError 1:6: invalid decimal literal");
    cr_assert_str_eq(err("x = 99999999999999999999"), "SyntaxError 1:5: integer literal too large");
    cr_assert_str_eq(err("x = b'abc'"), "SyntaxError 1:5: bytes are not supported in ag");
}

Test(parser, errors_targets) {
    cr_assert_str_eq(err("f() = 1"), "SyntaxError 1:1: cannot assign to function call here. Maybe you meant '==' instead of '='?");
    cr_assert_str_eq(err("1 = x"), "SyntaxError 1:1: cannot assign to literal here. Maybe you meant '==' instead of '='?");
    cr_assert_str_eq(err("a + 1 = 2"), "SyntaxError 1:1: cannot assign to expression here. Maybe you meant '==' instead of '='?");
    cr_assert_str_eq(err("(1, 2) = x"), "SyntaxError 1:2: cannot assign to literal");
    cr_assert_str_eq(err("True = 1"), "SyntaxError 1:1: cannot assign to True");
    cr_assert_str_eq(err("x == 1 = 2"), "SyntaxError 1:1: cannot assign to comparison");
    cr_assert_str_eq(err("a = b = f() = 3"), "SyntaxError 1:9: cannot assign to function call");
    cr_assert_str_eq(err("f() += 1"), "SyntaxError 1:1: 'function call' is an illegal expression for augmented assignment");
    cr_assert_str_eq(err("a, b += 1"), "SyntaxError 1:1: 'tuple' is an illegal expression for augmented assignment");
    cr_assert_str_eq(err("for f() in x: pass"), "SyntaxError 1:5: cannot assign to function call");
    cr_assert_str_eq(err("with x as f(): pass"), "SyntaxError 1:11: cannot assign to function call");
    cr_assert_str_eq(err("del f()"), "SyntaxError 1:5: cannot delete function call");
    cr_assert_str_eq(err("del x + 1"), "SyntaxError 1:5: cannot delete expression");
    cr_assert_str_eq(err("lambda: x = 1"), "SyntaxError 1:1: cannot assign to lambda");
    cr_assert_str_eq(err("x = *a"), "SyntaxError 1:5: can't use starred expression here");
    cr_assert_str_eq(err("x += y += 1"), "SyntaxError 1:8: invalid syntax");
}

Test(parser, errors_semantic) {
    cr_assert_str_eq(err("return 1"), "SyntaxError 1:1: 'return' outside function");
    cr_assert_str_eq(err("break"), "SyntaxError 1:1: 'break' outside loop");
    cr_assert_str_eq(err("continue"), "SyntaxError 1:1: 'continue' not properly in loop");
    cr_assert_str_eq(err("def f():\n  for x in y: pass\n  else: break"), "SyntaxError 3:9: 'break' outside loop");
    cr_assert_str_eq(err("while x:\n  def f():\n    break"), "SyntaxError 3:5: 'break' outside loop");
    cr_assert_str_eq(err("nonlocal x"), "SyntaxError 1:1: nonlocal declaration not allowed at module level");
    cr_assert_str_eq(err("def f(x=1, y): pass"), "SyntaxError 1:12: non-default argument follows default argument");
    cr_assert_str_eq(err("def f(a, a): pass"), "SyntaxError 1:10: duplicate argument 'a' in function definition");
    cr_assert_str_eq(err("f(x for x in y, 1)"), "SyntaxError 1:3: Generator expression must be parenthesized");
    cr_assert_str_eq(err("f(a=1, a=2)"), "SyntaxError 1:8: keyword argument repeated: a");
    cr_assert(strstr(err("f(a=1, 2)"), "positional argument follows keyword argument"));
}

Test(parser, errors_fstrings) {
    cr_assert_str_eq(err("x = f\"{x\""), "SyntaxError 1:10: f-string: expecting '}'");
    cr_assert_str_eq(err("x = f\"{}\""), "SyntaxError 1:10: f-string: empty expression not allowed");
    cr_assert_str_eq(err("x = f\"{x!z}\""), "SyntaxError 1:13: f-string: invalid conversion character: expected 's', 'r', or 'a'");
    cr_assert_str_eq(err("x = f\"a}b\""), "SyntaxError 1:11: f-string: single '}' is not allowed");
    cr_assert_str_eq(err("x = f\"{x:{y:{z}}}\""), "SyntaxError 1:19: f-string: expressions nested too deeply");
    cr_assert_str_eq(err("x = f\"{a b}\""), "SyntaxError 1:8: f-string: invalid syntax. Perhaps you forgot a comma?");
    cr_assert_str_eq(err("x = f\"{a +}\""), "SyntaxError 1:11: f-string: invalid syntax");
}

Test(parser, errors_unsupported) {
    cr_assert_str_eq(err("class A(metaclass=M):\n    x = 1\ny = 2"), "SyntaxError 1:9: keyword arguments in a class header (metaclass=...) are not supported in ag");
    cr_assert_str_eq(err("def f():\n    yield 1"), "SyntaxError 2:5: 'yield' is not supported in ag");
}

/* try_stmt and raise, with CPython's messages for the malformed ones */
Test(parser, try_and_raise) {
    cr_assert_str_eq(dump("try:\n    f()\nexcept (A, B) as e:\n    g(e)\nexcept:\n    pass\nelse:\n    h()\nfinally:\n    k()"),
                     "(try\n  (expr (call f))\n  (except (tuple A B) as e\n    (expr (call g e)))\n  (except\n    (pass))\n"
                     "  (else\n    (expr (call h)))\n  (finally\n    (expr (call k))))");
    cr_assert_str_eq(dump("try: x = 1\nfinally: y = 2"), "(try\n  (= x 1)\n  (finally\n    (= y 2)))");
    cr_assert_str_eq(dump("raise"), "(raise)");
    cr_assert_str_eq(dump("raise ValueError('x') from e"), "(raise (call ValueError 'x') from e)");
    cr_assert_str_eq(err("try:\n    x = 1\ny = 2"), "SyntaxError 3:1: expected 'except' or 'finally' block");
    cr_assert_str_eq(err("try:\n    pass\nelse:\n    pass"), "SyntaxError 3:1: expected 'except' or 'finally' block");
    cr_assert_str_eq(err("except:\n    pass"), "SyntaxError 1:1: invalid syntax");
    cr_assert_str_eq(err("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass"),
                     "SyntaxError 3:1: default 'except:' must be last");
    cr_assert_str_eq(err("try:\n    pass\nexcept A, B:\n    pass"),
                     "SyntaxError 3:8: multiple exception types must be parenthesized");
    cr_assert_str_eq(err("try:\n    pass\nexcept E as e.x:\n    pass"), "SyntaxError 3:14: invalid syntax");
    cr_assert_str_eq(err("raise X from"), "SyntaxError 1:13: invalid syntax");
    /* interactive: a try block at the end of the input waits for its clauses */
    cr_assert_eq(status("try:\n    x = 1\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("try:\n    x = 1\nexcept E:\n    pass\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("try:\n    x = 1\nexcept E:\n    pass\n\n", true), PARSE_OK);
}

Test(parser, sets_and_splats) {
    cr_assert_str_eq(dump("x = {1, *a}"), "(= x (set 1 (* a)))");
    cr_assert_str_eq(dump("x = {a for a in b}"), "(= x (setcomp a (for a b)))");
    cr_assert_str_eq(dump("x = {**m, 'k': 1}"), "(= x (dict (** m) ('k' 1)))");
    cr_assert_str_eq(dump("x = [*a, 1]"), "(= x (list (* a) 1))");
    cr_assert_str_eq(err("x = *a"), "SyntaxError 1:5: can't use starred expression here");
    cr_assert_str_eq(err("x = [*a for a in b]"), "SyntaxError 1:6: iterable unpacking cannot be used in comprehension");
    cr_assert_str_eq(err("x = {*a for a in b}"), "SyntaxError 1:6: iterable unpacking cannot be used in comprehension");
    cr_assert_str_eq(err("x = {**a for a in b}"), "SyntaxError 1:6: dict unpacking cannot be used in dict comprehension");
    cr_assert_str_eq(err("x = {1: *a}"), "SyntaxError 1:9: cannot use a starred expression in a dictionary value");
    cr_assert_str_eq(err("{1, 2} = 3"), "SyntaxError 1:1: cannot assign to set display here. Maybe you meant '==' instead of '='?");
    cr_assert_str_eq(dump("f(**m, k=1)"), "(expr (call f (kw ** m) (kw k 1)))");
    cr_assert_str_eq(err("f(**m, *a)"), "SyntaxError 1:8: iterable argument unpacking follows keyword argument unpacking");
    cr_assert_str_eq(err("def f(**kw, a): pass"), "SyntaxError 1:13: arguments cannot follow var-keyword argument");
}

Test(parser, walrus) {
    cr_assert_str_eq(dump("if (n := 3) > 1: pass"), "(if (cmp (:= n 3) > 1)\n  (pass))");
    cr_assert_str_eq(dump("while x := f(): pass"), "(while (:= x (call f))\n  (pass))");
    cr_assert_str_eq(err("x := 5"), "SyntaxError 1:3: invalid syntax");
}

Test(parser, one_message_per_mistake) {
    /* two separate mistakes, two messages; a mistake inside a block does not cascade */
    cr_assert_str_eq(err("x = = 1\ny = 2\nz = = 3\n"), "SyntaxError 1:5: invalid syntax (+1)");
    cr_assert_str_eq(err("if x\n    a = 1\n    b = 2\nc = 3"), "SyntaxError 1:5: expected ':'");
    cr_assert_str_eq(err("def f():\n    x = (1 +\n    return x\n"), "SyntaxError 3:5: invalid syntax");
    cr_assert_str_eq(err("def f(:\n  pass"), "SyntaxError 1:7: invalid syntax");
}

Test(parser, incomplete) {
    cr_assert_eq(status("if x:", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("if x:\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("if x:\n  y = 1\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("if x:\n  y = 1\n\n", true), PARSE_OK);
    cr_assert_eq(status("if x:\n  y = 1\n   \n", true), PARSE_OK);
    cr_assert_eq(status("if x: y = 1", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("if x:\n  y = 1\nelse:", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("def f(a,\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("x = [1, 2\ny = 3", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("s = '''abc\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("x = 1 + \\", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("x = 1\n", true), PARSE_OK);
    cr_assert_eq(status("x = 1 +", true), PARSE_ERROR);
    cr_assert_eq(status("x = )", true), PARSE_ERROR);
    cr_assert_eq(status("x = = 1\nif y:", true), PARSE_ERROR);
    /* never incomplete when not interactive */
    cr_assert_eq(status("if x:\n  y = 1\n", false), PARSE_OK);
    cr_assert_eq(status("x = (1,\n", false), PARSE_ERROR);
    cr_assert_eq(status("s = '''abc\n", false), PARSE_ERROR);
}

Test(parser, deep_nesting) {
    static char buf[30000];
    memset(buf, '(', 10000);
    memset(buf + 10000, ')', 10000);
    buf[20000] = 0;
    cr_assert_str_eq(err(buf), "SyntaxError 1:201: too many nested parentheses");
    memset(buf, '-', 10000);
    strcpy(buf + 10000, "1");
    cr_assert(strstr(err(buf), "too many nested parentheses"));
    buf[0] = 0;
    for (int i = 0; i < 3000; i++) strcat(buf, "not ");
    strcat(buf, "x");
    cr_assert(strstr(err(buf), "too many nested parentheses"));
    buf[0] = 0;
    for (int i = 0; i < 3000; i++) strcat(buf, "lambda:");
    strcat(buf, "x");
    cr_assert(strstr(err(buf), "too many nested parentheses"));
    buf[0] = 0;
    for (int i = 0; i < 5000; i++) strcat(buf, "2**");
    strcat(buf, "1");
    cr_assert(strstr(err(buf), "too many nested parentheses"));
    /* 200 levels are fine */
    memset(buf, '[', 200);
    memset(buf + 200, ']', 200);
    buf[400] = 0;
    ParseResult r;
    cr_assert_eq(run(buf, false, &r), PARSE_OK);
    parse_result_free(&r);
}

Test(parser, out_of_memory_never_crashes) {
    const char *prog = "def f(a, b=1, *c):\n    return [x*y for x in a if x]\ns = f'{f(1)!r:>{w}}'\nimport m as n\n";
    for (uint64_t n = 1; n < 400; n++) {
        fail_at = n;
        ParseResult r;
        ParseStatus st = run(prog, false, &r);
        fail_at = 0;
        cr_assert(st == PARSE_OK || st == PARSE_ERROR);
        if (st == PARSE_ERROR && r.ndiags) cr_assert_eq(r.diags[0].kind, EXC_MemoryError, "n=%llu: %s", (unsigned long long)n, r.diags[0].msg);
        parse_result_free(&r);
        if (I->err.pending) { cr_assert(false, "left an error pending"); }
    }
}

Test(parser, classes_and_decorators) {
    cr_assert_str_eq(dump("class A:\n    x = 1\n    def f(self): pass"),
                     "(class A\n  (= x 1)\n  (def f (self)\n    (pass)))");
    cr_assert_str_eq(dump("class B(A, m.C,):\n    pass"), "(class B A (. m C)\n  (pass))");
    cr_assert_str_eq(dump("@d\n@m.e(1)\ndef f(): pass"), "(def f () @d @(call (. m e) 1)\n  (pass))");
    cr_assert_str_eq(dump("@dataclass\nclass P: pass"), "(class P @dataclass\n  (pass))");
    cr_assert_str_eq(err("@d\nx = 1"), "SyntaxError 2:1: invalid syntax");
    cr_assert_str_eq(err("class A(*b): pass"), "SyntaxError 1:9: unpacking in a class header is not supported in ag");
    cr_assert_str_eq(err("class A:\n    return 1"), "SyntaxError 2:5: 'return' outside function");
    cr_assert_eq(status("@d\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("class A:\n    x = 1\n", true), PARSE_INCOMPLETE);
    cr_assert_eq(status("class A:\n    x = 1\n\n", true), PARSE_OK);
    cr_assert_str_eq(dump("class P:\n    x: int\n    y: float = 0.5"), "(class P\n  (: x int)\n  (: y float 0.5))");
}
