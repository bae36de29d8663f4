class Lazy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x_"):
            return name[2:] * 2
        raise AttributeError(f"no {name}")
l = Lazy()
print(l.real, l.x_ab, getattr(l, "x_q"), hasattr(l, "zz"))

class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)
g = Logged()
g.a = 1
g.b = g.a + 1
del g.a
print(vars(g))

class Base:
    @classmethod
    def make(cls):
        return cls.__name__
    @staticmethod
    def helper(x):
        return x + 1
class Child(Base):
    @classmethod
    def make(cls):
        return "child:" + super().make()
print(Child.make(), Child().make(), Child.helper(1), Child().helper(2))

class P:
    def __init__(self):
        self._v = 0
    def _get(self): return self._v
    def _set(self, v): self._v = v
    def _del(self): print("deleting"); self._v = None
    v = property(_get, _set, _del, "the v")
p = P()
p.v = 5
print(p.v, P.v.__doc__)
del p.v
print(p.v)

class Meta:
    n = 0
    def __init__(self, step=1, *rest, scale=2, **opts):
        self.step, self.rest, self.scale, self.opts = step, rest, scale, opts
        Meta.n += 1
m = Meta(3, 4, 5, scale=7, name="x")
print(m.step, m.rest, m.scale, m.opts, Meta.n, Meta().opts)
try:
    Meta(scale=1, step=2, bogus=3).opts
    Meta(1, step=2)
except TypeError as e:
    print(e)

class Rec:
    def __init__(self, items): self.items = items
    def __repr__(self): return f"Rec({self.items!r})"
r = Rec([])
r.items.append(r)
print(r.items[0].items is r.items)

class Shape:
    def area(self):
        raise NotImplementedError("subclasses implement area")
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
shapes = [Sq(2), Sq(3)]
print(sum(s.area() for s in shapes), [type(s).__name__ for s in shapes])
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)

class Self:
    def __init__(self):
        self.me = self
        self.bound = self.method
        self.fn = lambda: self
    def method(self):
        return self.me is self
s = Self()
print(s.bound(), s.fn() is s)
print(Sq.__bases__, Shape.__bases__, Sq.__mro__[-1])
