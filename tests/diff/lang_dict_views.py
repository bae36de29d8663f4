# keys()/values()/items() are views: printed as dict_keys([...]) etc., live, iterable
d = {"a": 1, "b": 2}
k = d.keys(); v = d.values(); it = d.items()
print(k, v, it, len(k), "a" in k, 2 in v, ("a", 1) in it, ("a", 2) in it)
d["c"] = 3
print(k, v, it, type(k), type(v), type(it))
print(list(k), sorted(v), sum(v), max(v), list(reversed(d)), list(reversed(d.items())))
for key, val in d.items():
    print(key, val)
print(", ".join(d.keys()), str(d.values()), f"{d.items()}", [x for x in d.values() if x > 1])
print(dict(d.items()), list(zip(d.keys(), d.values())), list(enumerate(d.values())))
print({}.keys(), {}.values(), {}.items(), bool({}.keys()), bool(k))
x = d.keys()
del d["a"]
print(x, len(x), tuple(d.values()))
scores = {"ann": 90, "bob": 72, "cy": 85}
print("Students:", scores.keys())
print("Scores:", scores.values())
print("Average:", sum(scores.values()) / len(scores.values()))
print(sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
print(max(scores.items(), key=lambda kv: kv[1]), min(scores, key=scores.get))
print(list(reversed(scores.keys())), list(reversed(scores.values())))
nested = {"x": {"y": 1}}
print(nested.items(), nested["x"].keys())
