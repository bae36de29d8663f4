# tuples: creation, unpacking, repr
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:])
print((1,), (), tuple([4, 5]), tuple("ab"))
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x = 1, 2
print(x, type(x) == tuple)
print(t + (4,), t * 2, (1, 2) < (1, 3), 2 in t)
print(t.index(2), t.count(3))
nested = ((1, 2), [3, 4], "s")
print(nested)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([4, 8, 1])
print(lo, hi, minmax([2.5, -1]))
print((0.1, 1e16, -0.0, 'q', None, True))
