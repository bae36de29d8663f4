# Sets: displays, comprehensions, set(), methods and operators. Sets of ints print in
# CPython's hash-table order, which is not always sorted.
s = {3, 1, 2}
print(s, len(s), 2 in s, 5 not in s)
print(set(), set([20, 3, 1, 5, 7]), {20, 3, 1, 5, 7})
x = 20
print({x, 3, 1, 5, 7})
print({-1, -2, -3}, {0.5, 1.5, 2}, {True, 1, 1.0}, {None}, {(1, 2), (1, 2)})
print({n % 4 for n in range(10)}, {c for c in "mississippi"} == set("mississippi"))
print(sorted(set("hello")), sorted({"pear", "apple", "fig"}))

# adding and removing
s = set()
for v in [100, 36, 4, 36]:
    s.add(v)
print(s)
s = {1, 9}
s.discard(1)
s.add(17)
print(s)
s.discard(42)
s.remove(9)
print(s, s.pop(), s)
s = {5, 6, 7}
s.update([8, 9], (10,), {11})
print(s)
s.clear()
print(s, bool(s), bool({0}))

# operators and their methods
a, b = {1, 2, 3, 4}, {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9], (8,)), a.intersection([2, 3, 7]), a.difference([1], {2}), a.symmetric_difference([4, 6]))
print(a == {4, 3, 2, 1}, a != b, {1} <= a, a < a, a >= {2, 3}, a > {2, 3}, {1} == [1])
print(a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({7, 8}), b.isdisjoint([5]))
c = a.copy()
c |= {10}
c &= {1, 2, 10}
c -= {2}
c ^= {99, 1}
print(c, a)
c.intersection_update([10, 11])
c.difference_update([])
c.symmetric_difference_update({10, 12})
print(c)

# sets in everyday code
words = "the cat and the hat and the bat".split()
unique = set(words)
print(len(words), len(unique), sorted(unique))
seen = set()
dupes = []
for w in words:
    if w in seen:
        dupes.append(w)
    seen.add(w)
print(dupes)
d = {"a": 1, "b": 2}
print(set(d) == set(d.keys()), sorted(set(d.values())), set(range(20, 0, -3)))
for v in {3, 1, 2}:
    print(v, end=" ")
print()
print(sum({1, 2, 3}), max({4, 8}), min({4, 8}), list({5, 1}), sorted({3, 1, 2}, reverse=True))
print(type(s), type(s).__name__, isinstance(s, set), isinstance([], set))
print(f"{ {1, 2} }", str({7}), repr(set()), [{1}, ({2},)])
