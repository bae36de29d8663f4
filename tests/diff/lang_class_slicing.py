class Seq:
    def __init__(self, xs):
        self.xs = list(xs)
    def __getitem__(self, k):
        if isinstance(k, slice):
            return Seq(self.xs[k])
        return self.xs[k]
    def __repr__(self):
        return f"Seq({self.xs})"
s = Seq(range(10))
print(s[2], s[2:5], s[::-3], s[slice(1, 3)], slice(3), slice(1, 2, 3), type(slice(1)))
k = slice(None, 4)
print(k.start, k.stop, k.step, [0, 1, 2, 3, 4, 5][k], isinstance(k, slice))
