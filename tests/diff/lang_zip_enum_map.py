# zip, enumerate, map, range
xs = [1, 2, 3]
ys = ["a", "b", "c", "d"]
print(list(zip(xs, ys)))
for i, (x, y) in enumerate(zip(xs, ys)):
    print(i, x, y)
for i, y in enumerate(ys, start=1):
    print(i, y, end="; ")
print()
print(list(enumerate("ab", 10)))
print(list(map(str, xs)), list(map(lambda a, b: a * b, xs, [10, 20, 30])))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), list(range(0)))
print(range(5), range(1, 10, 2), len(range(0, 100, 7)))
print(sum(map(int, "1 2 3 4".split())))
print(list(zip(*[(1, 2), (3, 4), (5, 6)])))
print(dict(enumerate("xyz")))
r = range(10)
print(r[3], r[-1], 5 in r, list(r[2:8:2]))
