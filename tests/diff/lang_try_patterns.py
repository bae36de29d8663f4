# common notebook patterns: retry loops, validation, cleanup in finally, defaults on KeyError
def g():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            if i == 2:
                return "finally-return"
    return "loop-end"
print(g())

def h():
    try:
        raise ValueError("v")
    except ValueError as e:
        del e
    try:
        e
    except NameError:
        print("e gone")
    try:
        raise ValueError("w")
    except ValueError as e:
        e = 5
        print("rebound", e)
h()

def it():
    yield_like = iter([1, 2])
    out = []
    while True:
        try:
            out.append(next(yield_like))
        except StopIteration:
            break
    return out
print(it())

d = {"a": 1}
def get(k):
    try:
        return d[k]
    except KeyError:
        return None
    finally:
        d.setdefault("calls", 0)
        d["calls"] += 1
print(get("a"), get("b"), d)

try:
    print(f"{1/0}")
except ZeroDivisionError as e:
    print(f"Error: {e}", f"{e!r}", f"{type(e).__name__}: {e}")

try:
    x = int("12a")
except ValueError as err:
    msg = str(err)
print(msg.upper())

errors = []
for v in ["1", "two", "3.0", None, "4"]:
    try:
        errors.append(int(v))
    except (ValueError, TypeError) as e:
        errors.append(type(e).__name__)
print(errors)

class Stack:
    def __init__(self):
        self.items = []
    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()
s = Stack()
try:
    s.pop()
except IndexError as e:
    print(e)

def validate(x):
    if not isinstance(x, (int, float)):
        raise TypeError(f"expected a number, got {type(x).__name__}")
    if x < 0:
        raise ValueError(f"expected a non-negative number, got {x}")
    return x ** 0.5
for v in [4, -1, "9"]:
    try:
        print(validate(v))
    except (TypeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
