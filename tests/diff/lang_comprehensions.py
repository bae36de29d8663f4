# list comprehensions
sq = [x * x for x in range(6)]
print(sq)
print([x for x in range(20) if x % 3 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print([x if x > 2 else 0 for x in range(5)])
print([[r * 3 + c for c in range(3)] for r in range(2)])
words = ["alpha", "beta", "gamma"]
print([w.upper() for w in words if "a" in w[1:]])
print([len(w) for w in words])
print(sum([x for x in range(101)]))
print([c for c in "hello" if c not in "l"])
pairs = [(k, v) for k, v in zip("abc", [1, 2, 3])]
print(pairs)
flat = [y for row in [[1, 2], [3], []] for y in row]
print(flat)
x = 100
print([x for x in range(3)], x)
print([f"{i:02d}" for i in range(3)])
