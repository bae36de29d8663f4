/* test_eval.c — the evaluator, resolver and builtins, end to end through interp_exec.
 * Each case runs an ag snippet with stdout/stderr captured and compares with what
 * Python 3.11 prints for the same code. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/time.h>
#include "harness.h"
#include "interp.h"
#include "mem.h"

TestSuite(eval, .timeout = 20.0);

/* Run code in a fresh interpreter; returns captured stdout (malloc'd); *err gets stderr. */
static char *run_mode(const char *code, ExecMode mode, char **err, RunStatus *st) {
    Interp *I = interp_new(0, NULL);
    cr_assert_not_null(I);
    char base;
    I->stack_base = &base;
    I->stack_budget = 6u << 20;
    Capture c;
    capture_begin(&c);
    RunStatus s = interp_exec(I, "<test>", code, strlen(code), mode);
    char *out;
    capture_end(&c, &out, err);
    interp_free(I);
    if (st) *st = s;
    return out;
}

static void expect(const char *code, const char *want) {
    char *err;
    RunStatus st;
    char *out = run_mode(code, EXEC_FILE, &err, &st);
    cr_expect_str_eq(out, want, "code:\n%s\nstderr:\n%s", code, err);
    cr_expect_eq(st, RUN_OK, "code:\n%s\nstderr:\n%s", code, err);
    free(out);
    free(err);
}

/* The last line of stderr (the "Kind: message" line) must equal want. */
static void expect_error(const char *code, const char *want) {
    char *err;
    RunStatus st;
    char *out = run_mode(code, EXEC_FILE, &err, &st);
    cr_expect_eq(st, RUN_ERROR, "code:\n%s", code);
    size_t n = strlen(err);
    while (n && err[n - 1] == '\n') err[--n] = 0;
    char *last = strrchr(err, '\n');
    last = last ? last + 1 : err;
    cr_expect_str_eq(last, want, "code:\n%s\nstderr:\n%s", code, err);
    free(out);
    free(err);
}

Test(eval, arithmetic_and_overflow) {
    expect("print(1 + 2 * 3, 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 7 / 2)", "7 3 -4 -2 1024 3.5\n");
    expect("print(0.1 + 0.2, 1e16, 3 * 1.5, 1 < 2.5, 2 == 2.0)", "0.30000000000000004 1e+16 4.5 True True\n");
    expect("x = 9223372036854775807\nprint(x - 1 + 1)", "9223372036854775807\n");
    expect_error("x = 9223372036854775807\nx + 1", "OverflowError: integer overflow");
    expect_error("print(1 / 0)", "ZeroDivisionError: division by zero");
    expect("i = 0\nacc = 0\nwhile i < 1000:\n    acc = (acc + i * 7) % 1003\n    i += 1\nprint(acc)", "42\n");
}

Test(eval, scoping_and_closures) {
    expect("def make_adder(n):\n    def add(x):\n        return x + n\n    return add\nprint(make_adder(5)(1))", "6\n");
    expect("def c():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n"
           "a = c()\na()\nprint(a(), a())", "2 3\n");
    expect("g = 1\ndef f():\n    global g\n    g = 5\nf()\nprint(g)", "5\n");
    expect("def outer():\n    x = 1\n    def mid():\n        def inner():\n            return x\n        return inner()\n"
           "    return mid()\nprint(outer())", "1\n");
    expect("fs = [lambda: i for i in range(3)]\nprint([f() for f in fs])", "[2, 2, 2]\n");
    expect("fs = [lambda i=i: i for i in range(3)]\nprint([f() for f in fs])", "[0, 1, 2]\n");
    expect("x = 10\nys = [x for x in range(3)]\nprint(x, ys)", "10 [0, 1, 2]\n");
    expect("def f():\n    def g(n):\n        return 1 if n == 0 else n * g(n - 1)\n    return g(5)\nprint(f())", "120\n");
    expect_error("def f():\n    print(x)\n    x = 1\nf()",
                 "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
    expect_error("def f():\n    print(x)\n    global x\n", "SyntaxError: name 'x' is used prior to global declaration");
    expect_error("def f():\n    def g():\n        nonlocal zz\n", "SyntaxError: no binding for nonlocal 'zz' found");
    expect_error("return 1", "SyntaxError: 'return' outside function");
}

Test(eval, name_error_suggestions) {
    expect_error("learning_rate = 0.01\nprint(lerning_rate)",
                 "NameError: name 'lerning_rate' is not defined. Did you mean: 'learning_rate'?");
    expect_error("prnt(1)", "NameError: name 'prnt' is not defined. Did you mean: 'print'?");
    expect_error("def f(alpha):\n    return alpah\nf(1)", "NameError: name 'alpah' is not defined. Did you mean: 'alpha'?");
    expect_error("print(qqqqqq)", "NameError: name 'qqqqqq' is not defined");
    expect_error("x = []\nx.apend(1)", "AttributeError: 'list' object has no attribute 'apend'. Did you mean: 'append'?");
    expect_error("(1).foo", "AttributeError: 'int' object has no attribute 'foo'");
}

Test(eval, calls_and_arguments) {
    expect("def f(a, b=2, *rest):\n    return a, b, rest\nprint(f(1), f(1, 3), f(1, 3, 4, 5), f(b=7, a=0))",
           "(1, 2, ()) (1, 3, ()) (1, 3, (4, 5)) (0, 7, ())\n");
    expect("def f(a, b, c):\n    return a + b + c\nxs = [1, 2, 3]\nprint(f(*xs))", "6\n");
    expect("def f(l=[]):\n    l.append(1)\n    return len(l)\nf()\nprint(f())", "2\n");
    expect_error("def f(x, y): pass\nf(1)", "TypeError: f() missing 1 required positional argument: 'y'");
    expect_error("def f(x, y): pass\nf()", "TypeError: f() missing 2 required positional arguments: 'x' and 'y'");
    expect_error("def f(x, y): pass\nf(1, 2, 3)", "TypeError: f() takes 2 positional arguments but 3 were given");
    expect_error("def f(x, y=1): pass\nf(1, 2, 3)", "TypeError: f() takes from 1 to 2 positional arguments but 3 were given");
    expect_error("def f(x, y): pass\nf(1, 2, z=3)", "TypeError: f() got an unexpected keyword argument 'z'");
    expect_error("def f(x): pass\nf(1, x=2)", "TypeError: f() got multiple values for argument 'x'");
    expect_error("5()", "TypeError: 'int' object is not callable");
    expect("f = lambda x, y=1: x * y\nprint(f(3), f(3, 4), (lambda: 'k')())", "3 12 k\n");
    expect("def f():\n    pass\nprint(f(), repr(f)[:11])", "None <function f\n");
}

Test(eval, unpacking_and_loops) {
    expect("a, b = 1, 2\na, b = b, a\nprint(a, b)", "2 1\n");
    expect("for i, (x, y) in enumerate([(1, 2), (3, 4)]):\n    print(i, x, y)", "0 1 2\n1 3 4\n");
    expect("a, *b = [1, 2, 3]\n*c, d = 'xyz'\nprint(a, b, c, d)", "1 [2, 3] ['x', 'y'] z\n");
    expect_error("a, b = 1", "TypeError: cannot unpack non-iterable int object");
    expect_error("a, b = [1, 2, 3]", "ValueError: too many values to unpack (expected 2)");
    expect_error("a, b, c = (1, 2)", "ValueError: not enough values to unpack (expected 3, got 2)");
    expect("for i in range(3):\n    if i == 5: break\nelse:\n    print('done')", "done\n");
    expect("for i in range(10):\n    if i == 2: break\nelse:\n    print('no')\nprint(i)", "2\n");
    expect("n = 0\nwhile n < 3:\n    n += 1\nelse:\n    print('w', n)", "w 3\n");
    expect("s = 0\nfor i in range(10):\n    if i % 2: continue\n    s += i\nprint(s)", "20\n");
    expect("for k in {'a': 1, 'b': 2}:\n    print(k, end=' ')\nprint()", "a b \n");
}

Test(eval, expressions) {
    expect("print(1 < 2 < 3, 1 < 3 < 2, 2 in [1, 2], 3 not in [1], None is None, 1 is not None)",
           "True False True True True True\n");
    expect("print(0 or 'x', 1 and 0, [] or [], 'a' and 'b', not 0)", "x 0 [] b True\n");
    expect("x = 5\nprint('big' if x > 3 else 'small', -x, +x, ~x)", "big -5 5 -6\n");
    expect("print([x * x for x in range(5) if x % 2 == 0], {k: v for k, v in [('a', 1)]})", "[0, 4, 16] {'a': 1}\n");
    expect("print([(i, j) for i in range(2) for j in range(i + 1)])", "[(0, 0), (1, 0), (1, 1)]\n");
    expect("print(sum(x for x in range(4)))", "6\n");
    expect("x = 3\nprint(f'{x} {x!r} {x:>3} {x=} {x*2:.1f}')", "3 3   3 x=3 6.0\n");
    expect("a = [1, 2, 3, 4]\na[1:3] = [9]\nprint(a, a[::-1], a[-1])", "[1, 9, 4] [4, 9, 1] 4\n");
    expect("d = {}\nd['k'] = 1\nd['k'] += 2\nprint(d)", "{'k': 3}\n");
    expect("x = [1]\ny = x\ny += [2]\nprint(x)", "[1, 2]\n");
    expect("t = (1, 2)\nt += (3,)\nprint(t)", "(1, 2, 3)\n");
}

Test(eval, bitwise_operators) {
    expect("print(True & False, True | False, True ^ True, True & 1, 6 & 3, 6 | 3, 6 ^ 3, ~5, ~True, ~-1)",
           "False True False 1 2 7 5 -6 -2 0\n");
    expect("print(-5 >> 1, 5 >> 100, -5 >> 100, 1 << 62, -1 << 63, 0 << 1000, True << 3)",
           "-3 0 -1 4611686018427387904 -9223372036854775808 0 8\n");
    expect("print(1 | 2 ^ 3 & 4 << 1 + 1, 1 < 2 | 4, 3 == 1 | 2)", "3 True True\n");
    expect("x = 12\nx &= 10\nx |= 1\nx ^= 3\nx <<= 2\nx >>= 1\nprint(x)", "20\n");
    expect_error("print(1 << 63)", "OverflowError: integer overflow");
    expect_error("print(3 << 62)", "OverflowError: integer overflow");
    expect_error("print(1 << -1)", "ValueError: negative shift count");
    expect_error("print(1 >> -1)", "ValueError: negative shift count");
    expect_error("print(1.5 & 1)", "TypeError: unsupported operand type(s) for &: 'float' and 'int'");
    expect_error("print(1 | 2.0)", "TypeError: unsupported operand type(s) for |: 'int' and 'float'");
    expect_error("print('a' ^ 1)", "TypeError: unsupported operand type(s) for ^: 'str' and 'int'");
    expect_error("print([1] << 1)", "TypeError: unsupported operand type(s) for <<: 'list' and 'int'");
    expect_error("print(~1.5)", "TypeError: bad operand type for unary ~: 'float'");
}

/* tensor bitwise errors: the texts torch 1.13 and NumPy 1.24 give */
Test(eval, bitwise_tensor_errors) {
    expect_error("import torch\ntorch.tensor([1.0, 2.0]) & 1", "RuntimeError: \"bitwise_and_cpu\" not implemented for 'Float'");
    expect_error("import torch\ntorch.tensor([1, 2]) | 1.5", "RuntimeError: \"bitwise_or_cpu\" not implemented for 'Float'");
    expect_error("import torch\ntorch.tensor([1.0], dtype=torch.float64) ^ 1",
                 "RuntimeError: \"bitwise_xor_cpu\" not implemented for 'Double'");
    expect_error("import torch\ntorch.tensor([True]) << torch.tensor([True])", "RuntimeError: \"lshift_cpu\" not implemented for 'Bool'");
    expect_error("import torch\ntorch.tensor([1.0]) >> 1", "RuntimeError: \"rshift_cpu\" not implemented for 'Float'");
    expect_error("import torch\n~torch.tensor([1.0])",
                 "TypeError: ~ (operator.invert) is only implemented on integer and Boolean-type tensors");
    expect_error("import torch\ntorch.tensor([1, 2, 3]) & torch.tensor([1.0, 2.0])",
                 "RuntimeError: The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0");
    expect_error("import torch\nm = torch.tensor([True])\nm |= torch.tensor([1])",
                 "RuntimeError: result type Long can't be cast to the desired output type Bool");
    expect_error("import numpy as np\nnp.array([1.0]) & 1",
                 "TypeError: ufunc 'bitwise_and' not supported for the input types, and the inputs could not be safely "
                 "coerced to any supported types according to the casting rule ''safe''");
    expect_error("import numpy as np\nnp.array([1]) << 1.5",
                 "TypeError: ufunc 'left_shift' not supported for the input types, and the inputs could not be safely "
                 "coerced to any supported types according to the casting rule ''safe''");
    expect_error("import numpy as np\n~np.array([1.0])",
                 "TypeError: ufunc 'invert' not supported for the input types, and the inputs could not be safely "
                 "coerced to any supported types according to the casting rule ''safe''");
    expect_error("import numpy as np\nm = np.array([True])\nm |= np.array([2])",
                 "TypeError: Cannot cast ufunc 'bitwise_or' output from dtype('int64') to dtype('bool') with casting rule 'same_kind'");
}

Test(eval, statements_misc) {
    expect_error("assert 1 == 2, 'bad ' + 'news'", "AssertionError: bad news");
    expect_error("assert False", "AssertionError");
    expect("assert True\nx = 1\ndel x\ny = [1, 2, 3]\ndel y[0]\nprint(y)", "[2, 3]\n");
    expect_error("x = 1\ndel x\nprint(x)", "NameError: name 'x' is not defined");
    expect_error("with 5:\n    pass", "TypeError: 'int' object does not support the context manager protocol");
    expect("def f():\n    '''doc'''\n    return 1\nprint(f.__name__, f.__doc__)", "f doc\n");
}

Test(eval, recursion_limit) {
    expect_error("def r(n):\n    return r(n + 1)\nr(0)", "RecursionError: maximum recursion depth exceeded");
    expect("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(900))", "900\n");
    expect_error("import sys\nsys.setrecursionlimit(50)\ndef d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nd(60)",
                 "RecursionError: maximum recursion depth exceeded");
    expect("import sys\nsys.setrecursionlimit(77)\nprint(sys.getrecursionlimit())", "77\n");
}

Test(eval, keyword_only_parameters) {
    expect("def f(*args, sep='-', end):\n    return sep.join(args) + end\nprint(f('a', 'b', end='!'), f(end='.'))",
           "a-b! .\n");
    expect("def g(a, *, b=2, c):\n    return a, b, c\nprint(g(1, c=3), g(c=0, a=5, b=6))", "(1, 2, 3) (5, 6, 0)\n");
    expect("k = lambda *, z=1: z\nprint(k(), k(z=9))", "1 9\n");
    expect_error("def f(*args, sep='-', end): pass\nf(1)", "TypeError: f() missing 1 required keyword-only argument: 'end'");
    expect_error("def g(a, *, b=2): pass\ng(1, 2)", "TypeError: g() takes 1 positional argument but 2 were given");
    expect_error("def g(a, *, b): pass\ng(1, 2, b=3)",
                 "TypeError: g() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given");
    expect_error("def g(*, b, c, d): pass\ng()", "TypeError: g() missing 3 required keyword-only arguments: 'b', 'c', and 'd'");
    expect_error("def g(a, *, b): pass\ng(b=1)", "TypeError: g() missing 1 required positional argument: 'a'");
    expect_error("def g(*): pass", "SyntaxError: named arguments must follow bare *");
    expect_error("def g(*a, *b): pass", "SyntaxError: * argument may appear only once");
    expect_error("def g(*a, a): pass", "SyntaxError: duplicate argument 'a' in function definition");
}

Test(eval, random_module) {
    /* CPython 3.11: random.seed(42); random.random(), randint(1, 6), ... */
    expect("import random\nrandom.seed(42)\nprint(random.random(), random.randint(1, 6), random.choice('abc'))",
           "0.6394267984578837 1 c\n");
    expect("import random\nrandom.seed(0)\nl = list(range(6))\nrandom.shuffle(l)\nprint(l, random.sample(range(10), 3))",
           "[4, 2, 1, 0, 5, 3] [6, 4, 7]\n");
    expect("import random\nrandom.seed(1)\nprint(random.gauss(), random.gauss())",
           "1.2881847531554629 1.449445608699771\n");
    expect("import random\na = random.Random(7)\nrandom.seed(7)\nprint(a.random() == random.random())", "True\n");
    expect_error("import random\nrandom.choice([])", "IndexError: Cannot choose from an empty sequence");
    expect_error("import random\nrandom.randrange(0)", "ValueError: empty range for randrange()");
}

Test(eval, imports) {
    expect("import math\nprint(math.pi, math.floor(2.5), math.ceil(2.1), math.sqrt(16), math.log(8, 2))",
           "3.141592653589793 2 3 4.0 3.0\n");
    expect("from math import exp, inf\nprint(exp(0), inf)", "1.0 inf\n");
    expect("import math as m\nprint(m.isclose(0.1 + 0.2, 0.3), m.isnan(m.nan), m.tanh(0))", "True True 0.0\n");
    expect_error("import foo", "ModuleNotFoundError: No module named 'foo'");
    expect_error("import math\nmath.sqrt(-1)", "ValueError: math domain error");
    expect_error("import math\nmath.foo", "AttributeError: module 'math' has no attribute 'foo'");
}

Test(eval, builtins_conversions) {
    expect("print(int('12'), int(3.9), int(' 7 '), int('0x1f', 16), int('-5'), int(True))", "12 3 7 31 -5 1\n");
    expect("print(float('inf'), float('nan'), float(' 1.5 '), float(2), float('-1e3'))", "inf nan 1.5 2.0 -1000.0\n");
    expect_error("int('x')", "ValueError: invalid literal for int() with base 10: 'x'");
    expect_error("float('abc')", "ValueError: could not convert string to float: 'abc'");
    expect("print(str(3), repr('a'), bool([]), bool(2), format(3.14159, '.2f'), format(5, '03d'))",
           "3 'a' False True 3.14 005\n");
    expect("print(round(2.5), round(3.5), round(2.675, 2), round(-0.5), round(1234, -2))", "2 4 2.67 0 1200\n");
    expect("print(abs(-3), abs(-2.5), pow(2, 10), pow(3, 4, 5), divmod(7, -2))", "3 2.5 1024 1 (-4, -1)\n");
    expect("print(chr(65), ord('a'), chr(233), hash(1) == hash(1.0))", "A 97 é True\n");
}

Test(eval, builtins_sequences) {
    expect("print(len('abc'), len([1]), list(range(2, 8, 2)), tuple('ab'), dict(a=1), dict([(1, 2)]))",
           "3 1 [2, 4, 6] ('a', 'b') {'a': 1} {1: 2}\n");
    expect("print(min(3, 1, 2), max([1, 5, 2]), min('bca'), max([], default=7), max([1, 3, 2], key=lambda v: -v))",
           "1 5 a 7 1\n");
    expect("print(sum([1, 2, 3]), sum([0.5, 0.25], 1), sum([[1], [2]], []))", "6 1.75 [1, 2]\n");
    expect("print(list(enumerate('ab', 1)), list(zip([1, 2], 'xyz')), list(map(str, [1, 2])))",
           "[(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] ['1', '2']\n");
    expect("print(list(filter(None, [0, 1, 2])), sorted([3, 1, 2], reverse=True), sorted('cab', key=str.upper))",
           "[1, 2] [3, 2, 1] ['a', 'b', 'c']\n");
    expect("print(list(reversed([1, 2, 3])), any([0, 1]), all([1, 0]), all([]))", "[3, 2, 1] True False True\n");
    expect("it = iter([1, 2])\nprint(next(it), next(it), next(it, 'end'))", "1 2 end\n");
    expect_error("max([])", "ValueError: max() arg is an empty sequence");
}

Test(eval, builtins_types) {
    expect("print(type(1), type(1.0), type('s'), type([]), type(()), type({}), type(None), type(True))",
           "<class 'int'> <class 'float'> <class 'str'> <class 'list'> <class 'tuple'> <class 'dict'> "
           "<class 'NoneType'> <class 'bool'>\n");
    expect("print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance('s', (int, str)))",
           "True True False True\n");
    expect("print(type(1) == int, type(len), type(lambda: 0), callable(len), callable(3))",
           "True <class 'builtin_function_or_method'> <class 'function'> True False\n");
    expect("print('a', 'b', sep='-', end='!\\n')\nprint()", "a-b!\n\n");
}

Test(eval, repl_echo) {
    char *out = run_mode("x = 3\nx\nx + 1\nNone\n", EXEC_REPL, NULL, NULL);
    cr_expect_str_eq(out, "3\n4\n");
    free(out);
    out = run_mode("'a'\n[1, 2]\n", EXEC_PASTE, NULL, NULL);
    cr_expect_str_eq(out, "[1, 2]\n");
    free(out);
    out = run_mode("y = 2\n", EXEC_PASTE, NULL, NULL);
    cr_expect_str_eq(out, "");
    free(out);
}

Test(eval, repl_keeps_state) {
    Interp *I = interp_new(0, NULL);
    char base;
    I->stack_base = &base;
    Capture cap;
    capture_begin(&cap);
    const char *a = "def f(n):\n    return n * k\n\n";
    const char *b = "k = 3\n";
    const char *c = "1/0\n";
    const char *d = "f(2)\n_ + 1\n";
    cr_expect_eq(interp_exec(I, "<repl>", a, strlen(a), EXEC_REPL), RUN_OK);
    cr_expect_eq(interp_exec(I, "<repl>", b, strlen(b), EXEC_REPL), RUN_OK);
    cr_expect_eq(interp_exec(I, "<repl>", c, strlen(c), EXEC_REPL), RUN_ERROR);
    cr_expect_eq(interp_exec(I, "<repl>", d, strlen(d), EXEC_REPL), RUN_OK);
    cr_expect_eq(interp_exec(I, "<repl>", "if 1:\n", 6, EXEC_REPL), RUN_INCOMPLETE);
    char *out;
    capture_end(&cap, &out, NULL);
    interp_free(I);
    cr_expect(strstr(out, "6\n7\n") != NULL, "got: %s", out);
    free(out);
}

static void on_alarm(int sig) { (void)sig; ag_interrupted = 1; }

Test(eval, interrupt) {
    signal(SIGALRM, on_alarm);
    struct itimerval tv = {.it_value = {.tv_sec = 0, .tv_usec = 100000}};
    setitimer(ITIMER_REAL, &tv, NULL);
    char *err;
    RunStatus st;
    char *out = run_mode("x = 0\nwhile True:\n    x += 1\n", EXEC_FILE, &err, &st);
    cr_expect_eq(st, RUN_INTERRUPTED, "stderr: %s", err);
    cr_expect(strstr(err, "KeyboardInterrupt") != NULL, "stderr: %s", err);
    free(out);
    free(err);
    setitimer(ITIMER_REAL, &tv, NULL);
    out = run_mode("def f():\n    return [i for i in range(10**9)]\nf()\n", EXEC_FILE, &err, &st);
    cr_expect_eq(st, RUN_INTERRUPTED, "stderr: %s", err);
    free(out);
    free(err);
}

Test(eval, no_leaks) {
    size_t before = mem_live();
    char *out = run_mode("def mk():\n    def g(n):\n        return g(n - 1) if n else 0\n    return g\n"
                         "for i in range(3):\n    mk()(3)\nxs = [lambda: i for i in range(3)]\n"
                         "import math\nprint(len(xs))\n", EXEC_FILE, NULL, NULL);
    cr_expect_str_eq(out, "3\n");
    free(out);
    cr_expect_eq(mem_live(), before, "leaked %zu bytes", mem_live() - before);
}

/* Reference counting alone never frees a container that holds itself; the session's end must. */
Test(eval, no_leaks_with_reference_cycles) {
    size_t before = mem_live();
    char *out = run_mode("a = []\na.append(a)\nd = {}\nd['self'] = d\nd['a'] = [a, (d,)]\n"
                         "def f(x=a):\n    return x\na.append(f)\nit = iter(a)\na.append(it)\n"
                         "m = a.append\na.append(m)\nimport torch\nnet = torch.nn.Sequential(torch.nn.Linear(2, 2))\n"
                         "a.append(net)\nprint(len(a), a[0] is a, d['self'] is d)\n", EXEC_FILE, NULL, NULL);
    cr_expect_str_eq(out, "5 True True\n");
    free(out);
    cr_expect_eq(mem_live(), before, "leaked %zu bytes", mem_live() - before);
}

Test(eval, classes) {
    expect("class A:\n    n = 0\n    def __init__(self, x):\n        self.x = x\n        A.n += 1\n"
           "    def __repr__(self):\n        return f'A({self.x})'\n"
           "class B(A):\n    def __init__(self):\n        super().__init__(2)\n"
           "print(A(1), B(), A.n, isinstance(B(), A), type(B()).__name__)\n",
           "A(1) A(2) 2 True B\n");
    expect("class V:\n    def __init__(self, v): self.v = v\n    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))\n"
           "    __radd__ = __add__\nprint((V(1) + 2 + V(3)).v, sum([V(1), V(2)]).v)\n", "6 3\n");
    expect_error("class A: pass\nA().y", "AttributeError: 'A' object has no attribute 'y'");
    expect_error("class A: pass\nA(1)", "TypeError: A() takes no arguments");
    expect_error("class A:\n    def __eq__(self, o): return True\nhash(A())", "TypeError: unhashable type: 'A'");
}

/* Instances that refer to themselves (directly, through bound methods, through closures, and
 * classes through their methods' super() cell) are freed at the session's end. */
Test(eval, no_leaks_with_instance_cycles) {
    size_t before = mem_live();
    char *out = run_mode("class N:\n    def __init__(self):\n        self.me = self\n        self.m = self.f\n"
                         "        self.g = lambda: self\n    def f(self):\n        return super().__repr__()[:3]\n"
                         "n = N()\nprint(n.m(), n.g() is n)\nimport torch\nclass Net(torch.nn.Module):\n"
                         "    def __init__(self):\n        super().__init__()\n        self.fc = torch.nn.Linear(1, 1)\n"
                         "        self.me = self\nnet = Net()\nprint(len(list(net.parameters())))\n", EXEC_FILE, NULL, NULL);
    cr_expect_str_eq(out, "<__ True\n2\n");
    free(out);
    cr_expect_eq(mem_live(), before, "leaked %zu bytes", mem_live() - before);
}

/* Cycles made in a loop (a node whose closure captures it, micrograd's pattern) are collected
 * as the loop runs: 200,000 of them fit in 64 MiB. */
Test(eval, cycles_collected_during_a_loop) {
    mem_set_limits(0, (size_t)64 << 20);
    char *err;
    RunStatus st;
    char *out = run_mode("class N:\n    def __init__(self, prev):\n        self.prev = {prev}\n        self.me = self\n"
                         "        self.f = lambda: self\nprev = None\nfor i in range(200000):\n    n = N(i)\n"
                         "print('done', n.f() is n)\n", EXEC_FILE, &err, &st);
    mem_set_limits(0, 0);
    cr_expect_str_eq(out, "done True\n", "stderr:\n%s", err);
    cr_expect_eq(st, RUN_OK);
    free(out);
    free(err);
}
