# keyword-only parameters: after *args or a bare *, with and without defaults (def and lambda)
def f(*args, sep="-", end):
    return sep.join(str(a) for a in args) + end

def g(a, *, b=2):
    return (a, b)

def h(a, b=1, *, c, d=4, e):
    return [a, b, c, d, e]

print(f(1, 2, 3, end="!"))
print(f(end="?"))
print(f(1, sep="+", end="."))
print(g(1), g(1, b=5), g(a=3, b=4))
print(h(1, c=2, e=5), h(1, 2, c=3, d=0, e=9), h(e=1, c=2, a=0))
k = lambda x, *, y=10: x * y
print(k(2), k(2, y=3))
k2 = lambda *, z: z + 1
print(k2(z=4))

def outer():
    def inner(*, n):
        return n * 2
    return inner(n=21)
print(outer())

def clos(x):
    def add(*, y=x):
        return x + y
    return add
print(clos(5)(), clos(5)(y=1))

def star_only(*xs, key=None):
    return sorted(xs, key=key)
print(star_only(3, 1, 2), star_only("bb", "a", "ccc", key=len))

def ann(a: int, *, b: str = "s") -> str:
    return b * a
print(ann(3), ann(2, b="xy"))

def config(name, *, lr=0.1, epochs, verbose=False):
    return f"{name}: lr={lr} epochs={epochs} verbose={verbose}"
print(config("sgd", epochs=3))
print(config("adam", lr=0.001, epochs=10, verbose=True))
print(config(epochs=1, name="x"))

def log(*msgs, sep=" ", end="\n"):
    print(*msgs, sep=sep, end=end)
log("a", "b", "c")
log("a", "b", sep=", ", end=" <\n")
log()

def kwdefault_late(a, *, b=[]):
    b.append(a)
    return b
print(kwdefault_late(1), kwdefault_late(2))
opts = {"epochs": 7}
print(config("d", epochs=opts["epochs"]))
