# iteration, context managers, hashing and equality of user classes
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

print(list(Countdown(3)), [x * 2 for x in Countdown(4)], sum(Countdown(10)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))

class Squares:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("out of range")
        return i * i

sq = Squares(5)
print(list(sq), len(sq), 9 in sq, 10 in sq, sq[2], max(sq), sorted(sq, reverse=True))
for a, b in zip(sq, "abc"):
    print(a, b, end="; ")
print()

class Timer:
    def __init__(self, name):
        self.name = name
        self.log = []
    def __enter__(self):
        self.log.append("enter " + self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        self.log.append("exit " + self.name)
        return False

with Timer("t") as t:
    t.log.append("body")
print(t.log)

class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        return isinstance(other, Key) and (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key({self.a}, {self.b})"

d = {Key(1, 2): "x"}
d[Key(1, 2)] = "y"
print(d, Key(1, 2) in d, len({Key(0, 0), Key(0, 0), Key(1, 0)}))

class Node:
    def __init__(self, v):
        self.v = v
n1, n2 = Node(1), Node(1)
print(n1 == n2, n1 == n1, n1 != n2, len({n1, n2, n1}), n1 in [n2], n1 in [n2, n1])
seen = set()
seen.add(n1)
print(n1 in seen, n2 in seen)

class Acc:
    def __init__(self):
        self.total = 0
    def __iadd__(self, x):
        self.total += x
        return self
    def __radd__(self, other):
        return other + self.total
a = Acc()
b = a
a += 5
a += 2
print(a is b, a.total, 10 + a, sum([1, 2], 0) + a)

class Ordered:
    def __init__(self, k):
        self.k = k
    def __lt__(self, other):
        return self.k < other.k
    def __repr__(self):
        return f"O{self.k}"
xs = [Ordered(3), Ordered(1), Ordered(2)]
print(sorted(xs), min(xs), max(xs), Ordered(1) > Ordered(0))

class Truthy:
    def __init__(self, b):
        self.b = b
    def __bool__(self):
        return self.b
print(bool(Truthy(False)), "yes" if Truthy(True) else "no", not Truthy(False), [x.b for x in [Truthy(True), Truthy(False)] if x])
