# dict methods; insertion order is kept
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d))
print(d.get("a"), d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
for k, v in d.items():
    print(k, v)
print(d.pop("b"), d)
d.update({"x": 10, "a": 100})
print(d)
print(d.setdefault("y", []), d.setdefault("a", -1))
d["y"].append(1)
print(d)
print("a" in d, "q" in d, d == {"a": 100, "c": 3, "x": 10, "y": [1]})
counts = {}
for w in "the cat the dog the end".split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print({1: "one", 2.5: None, (1, 2): [3]})
print(dict([("k", 1), ("j", 2)]), dict(zip("ab", [1, 2])), dict(p=1, q=2))
del d["x"]
print(d, {})
