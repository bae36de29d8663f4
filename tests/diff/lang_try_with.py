# exceptions passing through `with`: __exit__ sees them, may suppress them; no_grad is restored
import torch

class Tracker:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, repr(ev))
        return self.suppress

with Tracker("quiet") as t:
    print("body of", t.name)

try:
    with Tracker("a"):
        with Tracker("b"):
            raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))

with Tracker("suppressing", suppress=True):
    [][1]
print("went on after the suppressed error")

def f():
    for i in range(3):
        with Tracker(f"loop{i}", suppress=True):
            if i == 1:
                raise ValueError(i)
            if i == 2:
                return "returned"
print(f())

class Broken:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError("exit failed")

try:
    with Broken():
        1 / 0
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))

w = torch.ones(2, requires_grad=True)
for trial in range(2):
    try:
        with torch.no_grad():
            y = w * 2
            print("no_grad inside:", torch.is_grad_enabled(), y.requires_grad)
            raise ValueError("leave no_grad")
    except ValueError:
        pass
    print("after:", torch.is_grad_enabled(), (w * 2).requires_grad)

try:
    with torch.enable_grad():
        with torch.no_grad():
            raise IndexError
except IndexError:
    print("nested:", torch.is_grad_enabled())
