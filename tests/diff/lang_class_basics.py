class Point:
    """A point."""
    count = 0
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.count += 1
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __add__(self, o):
        return Point(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return isinstance(o, Point) and self.x == o.x and self.y == o.y

p = Point(3, 4)
print(p, p.norm2(), Point.count, Point.__doc__)
q = p + Point(1)
print(q, repr(q), str(q), f"{q}", [q])
print(p == Point(3, 4), p != Point(3, 4), p == 3)
print(type(p).__name__, p.__class__.__name__, type(p) is Point, isinstance(p, Point))
print(Point, type(Point))
print(Point.norm2(p))
m = p.norm2
print(m())
print(hasattr(p, 'x'), hasattr(p, 'z'), getattr(p, 'z', 5))
setattr(p, 'z', 9)
print(p.z)
class A:
    def f(self): return "A.f"
    def g(self): return "A.g"
class B(A):
    def __init__(self):
        super().__init__()
        self.v = 1
    def f(self): return "B.f+" + super().f()
b = B()
print(b.f(), b.g(), isinstance(b, A), issubclass(B, A), issubclass(A, B))
print(B.__mro__)
o = object()
print(type(o))
class C: pass
c = C()
print(str(c)[:20])
