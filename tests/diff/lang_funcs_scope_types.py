# defaults evaluated once, global/nonlocal counters, isinstance/type names
# ---- from p08.py
print(any(x > 3 for x in [1, 5]), all(x > 0 for x in [1, -1]), any([]), all([]))
print(any(c.isdigit() for c in "ab3"), all(len(w) < 5 for w in "a bb ccc".split()))
print(list(map(lambda x: x * x, range(5))), list(filter(lambda x: x % 2, range(10))))
print(list(map(str, [1, 2.5, None])), list(map(int, "123")), list(filter(None, [0, 1, "", "a", None, []])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(len, ["ab", "", "cde"])))
for v in [1, 2.0, "s", True, None, [1], (1,), {}]:
    print(isinstance(v, (int, float)), isinstance(v, int), isinstance(v, str), type(v).__name__, type(v))
print(type(1) == int, type(True) is bool, type(1.0) in (int, float), isinstance(True, int))
print(len({"a": 1, "b": 2}), len("héllo"), len([]), len(()), len(range(3, 20, 4)), len("\n\t"))
print("ell" in "hello", "" in "abc", "z" not in "abc", 1 in [1, 2], "a" in {"a": 1}, 2 in range(3))
def stats(xs):
    return min(xs), max(xs), sum(xs) / len(xs)
lo, hi, avg = stats([3, 1, 4, 1, 5])
print(lo, hi, avg, stats([2]))
q, r = divmod(100, 7)
print(q, r)
a, *b = [1, 2, 3]
*c, d = "xyz"
print(a, b, c, d)
(x, y), z = (1, 2), 3
print(x, y, z)
# ---- from p09.py
def add_item(item, box=[]):
    box.append(item)
    return box
print(add_item(1), add_item(2), add_item(3, []))
print(add_item(4))
def f(a, b=2, *args, c=5):
    return a, b, args, c
print(f(1), f(1, 3), f(1, 3, 4, 5), f(1, c=9), f(a=0, b=1))
counter = 0
def bump(n=1):
    global counter
    counter += n
    return counter
bump(); bump(5)
print(counter)
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter(); c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([g(10) for g in make_adders()])
def late():
    return [lambda x: x + i for i in range(3)]
print([g(10) for g in late()])
def outer():
    x = "outer"
    def inner():
        return x
    x = "changed"
    return inner()
print(outer())
def acc(start):
    total = [start]
    def add(v):
        total[0] += v
        return total[0]
    return add
a = acc(10)
print(a(1), a(2), a(-13))
# ---- from p21.py
def describe(x):
    if isinstance(x, bool):
        return "bool"
    elif isinstance(x, int):
        return "int"
    elif isinstance(x, float):
        return "float"
    elif isinstance(x, str):
        return "str"
    elif isinstance(x, (list, tuple)):
        return "seq of " + ",".join(describe(e) for e in x)
    elif isinstance(x, dict):
        return "dict"
    elif x is None:
        return "none"
    return "other"
for v in [True, 3, 2.0, "s", [1, "a"], (None,), {}, None, range(2), len]:
    print(describe(v), type(v).__name__)
print(type(len).__name__, type(describe).__name__, type(lambda: 0).__name__, type(range(1)).__name__)
print(type(iter([])).__name__, type(zip()).__name__, type(map(str, [])).__name__, type(enumerate([])).__name__)
print(type({}.keys()).__name__, type(type(1)).__name__, type(1) is int, type("") == str)
print(str(type(1)), repr(type("a")), int, float, list, dict, type(None))
print(len, print if False else "", abs.__name__ if hasattr(abs, "__name__") else "?")
print(describe.__name__ if hasattr(describe, "__name__") else "?")
# ---- from p25.py
def show(*args, sep=", ", end="."):
    return sep.join(str(a) for a in args) + end
print(show(1, 2, 3), show(), show("a", sep="-"), show(1, end="!"))
def kw_only(a, *, b, c=3):
    return a + b + c
print(kw_only(1, b=2), kw_only(1, c=0, b=1))
def defaults(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c
print(defaults(1), defaults(2))
def ret_multi():
    return 1, [2], "three"
a, b, c = ret_multi()
print(a, b, c, ret_multi(), type(ret_multi()).__name__)
def no_ret():
    pass
print(no_ret(), no_ret() is None)
def early(x):
    if x < 0:
        return "neg"
    for i in range(x):
        if i == 3:
            return i
    return None
print(early(-1), early(10), early(2))
def apply(f, *xs):
    return [f(x) for x in xs]
print(apply(abs, -1, 2, -3), apply(str.upper, "a", "b"), apply(lambda v: v[::-1], "ab", [1, 2]))
def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), list(map(compose(str, inc), range(3))))
def rec_sum(xs):
    return 0 if not xs else xs[0] + rec_sum(xs[1:])
print(rec_sum(list(range(50))))
print(f(*[1, 2]) if False else "ok")
