# Unpacking in displays: [*a, *b], (*a, x), {*a}, {**d, 'k': v}.
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, *b), [0, *a, 9], [*"hi", *range(2)], (*a,), [*{"k": 1}])
print({*a, *b, 2}, {*[]})
defaults = {"lr": 0.1, "epochs": 10}
overrides = {"epochs": 20, "seed": 0}
print({**defaults, **overrides}, {**defaults, "lr": 0.01}, {"lr": 1, **defaults}, {**{}})
config = {**defaults}
config["lr"] = 0.5
print(config, defaults)
first, *rest = [*a, *b]
print(first, rest)
rows = [[1, 2], [3, 4]]
print([*rows[0], *rows[1]], [[*r, 0] for r in rows])
def f(*args):
    return [*args, len(args)]
print(f(*a, *b))
# merging dicts with | and |= (Python 3.9+)
merged = defaults | overrides
print(merged, overrides | defaults, defaults)
merged |= {"lr": 0.2}
merged |= [("momentum", 0.9)]
print(merged, {1: 2} == {1: 2}, {1: 2} != {1: 3}, {} == [])
