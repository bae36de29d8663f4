class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __contains__(self, v):
        return v in self.xs
    def __iter__(self):
        return iter(self.xs)
    def __neg__(self):
        return Vec(*[-x for x in self.xs])
    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return Vec(*[x * k for x in self.xs])
    __rmul__ = __mul__
    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self, o))
    def __eq__(self, o):
        return isinstance(o, Vec) and self.xs == o.xs
    def __lt__(self, o):
        return len(self) < len(o)
    def __str__(self):
        return "Vec" + str(tuple(self.xs))
    def __bool__(self):
        return any(self.xs)

v = Vec(1, 2, 3)
v[0] = 10
print(len(v), v[0], v[1:], 2 in v, 7 in v, list(v), str(-v), str(v * 2), str(3 * v), v @ v)
print(v == Vec(10, 2, 3), v != Vec(1), bool(Vec(0, 0)), bool(v))
print(sorted([Vec(1, 2), Vec(1), Vec(1, 2, 3)], key=len)[0].xs, min(Vec(1, 2), Vec(5)).xs, max([Vec(1, 2), Vec(5)]).xs)
try:
    v * None
except TypeError as e:
    print("TypeError:", e)
try:
    hash(v)
except TypeError as e:
    print("TypeError:", e)
try:
    Vec(1) < 3
except TypeError as e:
    print("TypeError:", e)
print(f"{v!r}"[:14], format(v), f"{v}")
