# f-string debugging forms and conversions
x = 42
name = "ag"
vals = [1, 2.5, "s"]
print(f"{x=}")
print(f"{name=}")
print(f"{x + 1=}")
print(f"{vals=}")
print(f"{name!r} {name!s} {vals!r}")
print(f"{x=:5d}|")
y = 0.1 + 0.2
print(f"{y=}")
print(f"{y=:.3f}")
print(f"{'quoted'!r:>10}")
d = {"a": 1}
print(f"{d['a']} {d}")
print(f"{len(vals)} items, first={vals[0]}")
print(f"{'nested ' + name.upper()}")
print(f"{x if x > 10 else -x}")
