# repr / str / format of user classes, in containers and f-strings
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"P({self.x!r}, {self.y!r})"

class S(P):
    def __str__(self):
        return f"<{self.x}, {self.y}>"

class F:
    def __format__(self, spec):
        return "F[" + spec + "]"

class Plain:
    pass

p = P(1, "a")
s = S(2.5, None)
print(p, repr(p), str(p))
print(s, repr(s), str(s))
print([p, s], (s,), {"k": s}, {s: 1} if False else "skip")
print(f"{p} {p!r} {s} {s!r} {s!s}")
print(f"{F():>8.3}", format(F(), "x"), f"{F()}")
print("%s and %r" % (s, s))
print(str(Plain())[:17], repr(Plain()).startswith("<__main__.Plain object at 0x"))
print(P, S, Plain, type(P), type(p), type(s) is S)
print(P.__name__, P.__qualname__, P.__module__, p.__class__, s.__class__.__name__)
print(str(P.__repr__).startswith("<function P.__repr__ at 0x"), P.__init__.__name__)
print(str(p.__repr__).startswith("<bound method P.__repr__ of P(1, 'a')>"))
try:
    format(Plain(), "x")
except TypeError as e:
    print(e)

class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print(e)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __repr__(self):
        return f"Money({self.cents})"
    def __float__(self):
        return self.cents / 100
    def __int__(self):
        return self.cents // 100
    def __format__(self, spec):
        return format(float(self), spec) if spec else str(self)
m = Money(1234)
print(m, [m], f"{m}", f"{m:.1f}", float(m), int(m), "total: " + str(m))
