# Generator expressions are lazy iterators: printed as generator objects, consumed once.
g = (x * x for x in range(5))
print(type(g), str(g).startswith("<generator object <genexpr> at 0x"))
print(next(g), next(g), list(g), list(g), next(g, "done"))
print(sum(x * x for x in range(5)), any(x > 3 for x in [1, 5]), all(x for x in []))
print(max(x for x in [3, 1]), min(len(w) for w in ["aa", "b"]), "".join(c.upper() for c in "ab"))
print(sorted((y for y in [3, 1, 2]), reverse=True), tuple(i for i in "ab"), dict((k, v) for k, v in [(1, 2)]))
print(list((i, j) for i in range(3) for j in range(i) if j != 1))
print(", ".join(f"{k}={v}" for k, v in {"a": 1, "b": 2}.items()))

# the first iterable is taken at once; the rest of the work happens item by item
nums = [1, 2, 3]
g = (n * 10 for n in nums)
nums.append(4)
print(list(g))
log = []
def noisy(v):
    log.append(v)
    return v
g = (noisy(v) for v in range(3))
print(log, next(g), log)
print(any(noisy(v) > 10 for v in range(100)), len(log))

# scopes: closures and nested functions
def scale(k):
    return (k * i for i in range(3))
print(list(scale(5)), str(scale(1)).split(" at ")[0])
fs = list((lambda: i) for i in range(3))
print([f() for f in fs])
def count_long(words, n):
    return sum(1 for w in words if len(w) > n)
print(count_long(["tensor", "grad", "backward"], 4))

# iterating with for, zip, enumerate, map
for v in (c for c in "hi"):
    print(v)
print(list(zip((a for a in "xy"), (b for b in range(5)))), list(enumerate(c for c in "ab")))
print(list(map(str, (i for i in range(3)))), iter(g) is g)
data = [[1, 2], [3]]
print(sum(len(r) for r in data), list(v for r in data for v in r))
mean = sum(x for x in [2.0, 4.0, 9.0]) / 3
print(mean, round(sum((x - mean) ** 2 for x in [2.0, 4.0, 9.0]) / 3, 4))
