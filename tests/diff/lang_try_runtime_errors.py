# errors raised by the runtime are caught as the right class with CPython's message
import math
import numpy as np

def show(title, f):
    try:
        r = f()
        print(title, "-> ok:", r)
    except Exception as e:
        print(title, "->", type(e).__name__, "|", e, "|", repr(e), "|", e.args)

show("int div", lambda: 1 // 0)
show("float div", lambda: 1.0 / 0)
show("mod", lambda: 5 % 0)
show("list index", lambda: [1][3])
show("tuple index", lambda: (1, 2)[-5])
show("str index", lambda: "abc"[10])
show("dict key", lambda: {"a": 1}["b"])
show("dict int key", lambda: {1: 2}[3])
show("dict tuple key", lambda: {}[(1, 2)])
show("set remove", lambda: set().remove(5))
show("set pop", lambda: set().pop())
show("dict popitem", lambda: {}.popitem())
show("list remove", lambda: [1, 2].remove(3))
show("str.index", lambda: "abc".index("z"))
show("format key", lambda: "{name}".format(x=1))
show("int()", lambda: int("1.5"))
show("float()", lambda: float("abc"))
show("math.sqrt", lambda: math.sqrt(-1))
show("math.log", lambda: math.log(0))
show("unpack", lambda: [a for a, b in [(1, 2, 3)]])
show("call", lambda: len(1, 2))
five = 5
show("not callable", lambda: five())
show("attr", lambda: [].push)
show("unhashable", lambda: {[1]: 2})
show("compare", lambda: 1 < "a")
show("overflow", lambda: math.exp(1000))
show("recursion", lambda: (lambda f: f(f))(lambda f: f(f)))
show("next", lambda: next(iter([])))
show("np reshape", lambda: np.arange(6).reshape(4, 2))
show("np broadcast", lambda: np.ones(3) + np.ones(4))
show("np dot", lambda: np.dot(np.ones((2, 3)), np.ones((2, 3))))
show("np index", lambda: np.arange(3)[7])

def uses_before_assign():
    print(x)
    x = 1
show("unbound local", uses_before_assign)

# LookupError catches both kinds of lookup
for key in [0, 5, "k"]:
    try:
        print([10][key] if isinstance(key, int) else {}[key])
    except LookupError as e:
        print("LookupError:", type(e).__name__, e)

# ArithmeticError catches ZeroDivisionError and OverflowError
for f in [lambda: 1 / 0, lambda: math.exp(1e4)]:
    try:
        f()
    except ArithmeticError as e:
        print("ArithmeticError:", type(e).__name__, e)

# the hierarchy
print(isinstance(KeyError(), LookupError), isinstance(IndexError(), LookupError))
print(isinstance(ZeroDivisionError(), ArithmeticError), isinstance(RecursionError(), RuntimeError))
print(isinstance(NotImplementedError(), RuntimeError), isinstance(UnboundLocalError(), NameError))
print(isinstance(ModuleNotFoundError(), ImportError), isinstance(KeyboardInterrupt(), Exception))
print(isinstance(KeyboardInterrupt(), BaseException), isinstance(SystemExit(), Exception))
print(isinstance(ValueError(), (TypeError, ValueError)), isinstance(3, Exception))
print(ValueError, KeyError.__name__, type(ValueError("x")) is ValueError, type(KeyError()) == KeyError)
