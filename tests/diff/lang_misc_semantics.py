# assorted semantics: aliasing, default values, truthiness, unpacking
a = [1, 2]
b = a
b.append(3)
print(a, a is b, a == [1, 2, 3], a is [1, 2, 3])
def f(x, acc=[]):
    acc.append(x)
    return len(acc)
print(f(1), f(2), f(3))
first, rest = (1, [2, 3, 4])
print(first, rest)
(p, q), r = (1, 2), 3
print(p, q, r)
for k, (v1, v2) in {"a": (1, 2), "b": (3, 4)}.items():
    print(k, v1 + v2)
n = 0
while n < 3:
    n += 1
else_branch = "done"
print(n, else_branch)
x = [[]] * 2
x[0].append(1)
print(x)
s = "abc"
t = s
s += "d"
print(s, t)
d = {"k": [1]}
e = dict(d)
e["k"].append(2)
e["j"] = 0
print(d, e)
print((17 // 5, 17 % 5), max(0.1, 0.1 + 0.0))
