# finally runs on return, break, continue and exceptions; a return in finally wins
def f1():
    try:
        return "try"
    finally:
        print("f1 finally")

def f2():
    try:
        return "try"
    finally:
        return "finally"

def f3():
    try:
        1 / 0
    finally:
        return "swallowed by return in finally"

def f4(n):
    out = []
    for i in range(n):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(-i)
    return out

def f5():
    x = 1
    try:
        return x
    finally:
        x = 2   # the return value was already computed

def f6():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("f6 inner finally")
    except ValueError as e:
        print("f6 caught", e)
        return "handled"
    finally:
        print("f6 outer finally")

print(f1())
print(f2())
print(f3())
print(f4(5))
print(f5())
print(f6())

# finally after a handler that raises: the new error propagates, finally still runs
def f7():
    try:
        try:
            {}["k"]
        except KeyError:
            raise RuntimeError("while handling")
        finally:
            print("f7 finally")
    except RuntimeError as e:
        print("f7 got", repr(e), "context:", repr(e.__context__))

f7()

# while loop with try/finally and break
n = 0
while True:
    try:
        n += 1
        if n == 3:
            break
    finally:
        print("loop finally", n)
print("n =", n)

# exceptions inside nested functions unwind through finally blocks in each frame
def inner():
    try:
        return [1, 2, 3][10]
    finally:
        print("inner cleanup")

def outer():
    try:
        inner()
    finally:
        print("outer cleanup")

try:
    outer()
except IndexError as e:
    print("top:", e)

# try/except inside a comprehension's function and in a lambda-called helper
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")

print([safe_div(1, b) for b in [1, 0, 2]])

# a generator expression that raises is caught where it is consumed
try:
    print(sum(10 // x for x in [1, 2, 0]))
except ZeroDivisionError as e:
    print("genexpr:", e)
