from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError

@dataclass
class Point:
    x: float
    y: float = 0.0

p = Point(1.5)
q = Point(1.5, 0.0)
print(p, p == q, p != Point(2, 3), p.x, p.y, Point.__init__.__qualname__)
print(asdict(p), astuple(Point(3, 4)), replace(p, y=9))
print([f.name for f in fields(Point)], Point.__annotations__)

@dataclass
class Batch:
    name: str
    items: list = field(default_factory=list)
    size: int = field(default=0, repr=False)
    def add(self, x):
        self.items.append(x)
        self.size += 1
b = Batch("a")
b.add(3)
b2 = Batch("b")
print(b, b2, b.size)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), Version(1) < Version(1, 1), len({Version(1), Version(1, 0)}))
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
except AttributeError as e:
    print("AttributeError", e)

@dataclass
class Config:
    lr: float = 0.01
    epochs: int = 10
    hidden: tuple = (16, 8)
    def __post_init__(self):
        self.steps = self.epochs * 2
c = Config(epochs=3)
print(c, c.steps)

@dataclass
class Base:
    a: int
@dataclass
class Derived(Base):
    b: int = 2
print(Derived(1), Derived(1, 5) == Derived(1, 5))
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point(1, x=2), lambda: Derived()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad2:
        xs: list = []
except ValueError as e:
    print("ValueError:", e)
