import functools

def shout(f):
    def wrapper(*args, **kwargs):
        return f(*args, **kwargs).upper()
    return wrapper

def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco

@shout
def hello(name):
    return "hello " + name

@repeat(2)
@shout
def hi(x):
    return "hi " + x

print(hello("bob"), hi("al"))

class Temp:
    unit = "C"
    def __init__(self, c):
        self._c = c
    @property
    def c(self):
        """celsius"""
        return self._c
    @c.setter
    def c(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def convert(x):
        return x * 9 / 5 + 32
    @classmethod
    def freezing(cls):
        return cls(0)
    def __repr__(self):
        return f"Temp({self._c})"

t = Temp(20)
print(t.c, t.f, Temp.convert(100), t.convert(0), Temp.freezing(), Temp.c.__doc__)
t.c = 25
print(t.c, t.f)
try:
    t.f = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    t.c = -300
except ValueError as e:
    print("ValueError:", e)

registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls

@register
class Foo:
    pass

print(registry, Foo)

class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self, k=1):
        self.n += k
        return self.n
c = Counter()
c(); c(5)
print(c.n, callable(c), callable(t))

