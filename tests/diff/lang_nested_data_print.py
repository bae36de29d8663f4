# printing nested lists/dicts/tuples with floats and strings
# ---- from p02.py
data = {"a": [1, 2.5, {"x": (1, 2)}], "b": {"c": [None, True, "s"]}, 3: 1e-05}
print(data)
print([[1.0, 2.25], [1e-05, 1e16], [1.5e300, -0.0]])
print({1: [], 2: {}, 3: ()}, [(), (1,), (1, 2)])
print(str([0.1 + 0.2, 1/3, 2/3, 100.0, 1e22, 1.0e-4]))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there"), repr("nl\n"), repr("back\\slash"))
print(repr("héllo ünïcode ☃"), repr("\x00\x7f\x1b"), repr("\u200b"), ["é", "\t"])
print(len("héllo"), "é" in "héllo", ord("é"), chr(9731), chr(65) + chr(97))
nested = [[i * j for j in range(3)] for i in range(3)]
print(nested, nested[1][2], nested[-1][-1])
d = {k: v for k, v in zip("cab", [3, 1, 2])}
print(d, list(d), sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
print({x % 3: x for x in range(10)})
print({w: len(w) for w in "the quick brown the fox".split()})
# ---- from p19.py
students = [
    {"name": "Ann", "grades": [90, 85, 77]},
    {"name": "Bob", "grades": [60, 75]},
    {"name": "Cyd", "grades": []},
]
for s in students:
    g = s["grades"]
    avg = sum(g) / len(g) if g else 0
    print(f"{s['name']:<5}|{avg:6.2f}|{len(g):^3}|{max(g, default='-'):>4}")
best = max(students, key=lambda s: sum(s["grades"]))
print(best["name"], best)
print(sorted(students, key=lambda s: len(s["grades"]))[0]["name"])
inventory = {"apples": {"qty": 5, "price": 1.2}, "pears": {"qty": 0, "price": 0.8}}
print({k: v["qty"] * v["price"] for k, v in inventory.items()})
print([k for k, v in inventory.items() if v["qty"]])
matrix = [[1, 2], [3, 4]]
print([[sum(a * b for a, b in zip(r, c)) for c in zip(*matrix)] for r in matrix])
print(str(matrix), repr(matrix), str((1.0, 2)), str([1e-05, 1e-06, 0.001]))
# ---- from p12.py
d = {"x": 1}
print(d.get("x"), d.get("y"), d.get("y", 0), d.setdefault("y", 5), d.setdefault("x", 9), d)
d.update({"z": 3}, w=4)
d.update([("v", 0)])
print(d, d.pop("z"), d.pop("nope", "dflt"), d)
print(d.popitem(), d, list(d.keys()), list(d.values()), list(d.items()))
e = d.copy(); e["new"] = 1
print(d, e, dict.fromkeys("ab"), dict.fromkeys([1, 2], 0), dict(a=1, b=2), dict([(1, 2)]))
del e["new"]
print(e, "x" in e, "new" in e, len(e), e == d, {1: 2} == {1: 2.0})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
inv = {v: k for k, v in counts.items()}
print(inv)
groups = {}
for w in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(w[0], []).append(w)
print(groups)
d2 = {1: "a", True: "b", 1.0: "c"}
print(d2)
dd = {"b": 1, "a": 2}
dd["b"] = 3
del dd["a"]
dd["a"] = 4
print(dd, list(dd.items())[0])
print({k: v for k, v in sorted(counts.items())})
print(dict(sorted({"b": 2, "a": 1}.items())), str({"q": "it's"}), {"n": None, "f": 1.50})
d.clear(); print(d)
