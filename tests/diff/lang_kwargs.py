# **kwargs parameters and f(**mapping) calls.
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, kw)
print(f(1))
print(f(1, 2, 3, 4, c=5, d=6, e=7))
print(f(**{"a": 1, "z": 9}), f(1, **{"c": 0}, x=1))

def describe(**kwargs):
    for key, value in kwargs.items():
        print(f"  {key} = {value!r}")
    return len(kwargs)
print(describe(lr=0.1, epochs=3, name="mlp"), describe())

params = {"sep": "-", "end": "!\n"}
print("a", "b", **params)
print(sorted([3, 1, 2], **{"reverse": True}), round(2.675, **{"ndigits": 2}))
by_name = lambda **kw: sorted(kw)
print(by_name(b=1, a=2))

def train(model, lr=0.01, epochs=1):
    return f"{model}: lr={lr} epochs={epochs}"
def run(*args, **kwargs):
    print("run", args, kwargs)
    return train(*args, **kwargs)
print(run("net", epochs=5))
config = {"lr": 0.5, "epochs": 2}
print(train("net", **config), train(model="m", **{"lr": 1}))

def make(**opts):
    def inner(**more):
        return {**opts, **more}
    return inner
print(make(a=1, b=2)(b=3, c=4))
def only_kw(*, scale, **rest):
    return scale, rest
print(only_kw(scale=2), only_kw(offset=1, scale=3))
