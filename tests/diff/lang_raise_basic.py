# raise a class, an instance, with several args; re-raise; raise from
def check(x):
    if x < 0:
        raise ValueError("negative: %d" % x)
    if x == 0:
        raise ZeroDivisionError
    if x > 100:
        raise OverflowError("too big", x)
    return x

for v in [5, -1, 0, 1000]:
    try:
        print(check(v))
    except ArithmeticError as e:
        print("arith", type(e).__name__, repr(e), e.args, "[" + str(e) + "]")
    except ValueError as e:
        print("value", e)

# bare raise re-raises the exception being handled
def reraiser():
    try:
        [].pop()
    except IndexError:
        print("logging and re-raising")
        raise

try:
    reraiser()
except IndexError as e:
    print("re-raised:", e)

# raise ... from ...
try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("could not parse") from e
except RuntimeError as e:
    print(repr(e), "cause:", repr(e.__cause__), "suppress:", e.__suppress_context__)
    print("context is cause:", e.__context__ is e.__cause__)

# raise from None hides the context
try:
    try:
        {}["a"]
    except KeyError:
        raise ValueError("no such key") from None
except ValueError as e:
    print(repr(e), e.__cause__, e.__suppress_context__, repr(e.__context__))

# exception objects are values
errs = [ValueError("a"), TypeError("b"), KeyError("c"), IndexError()]
for e in errs:
    print(type(e).__name__, repr(e), str(e), isinstance(e, LookupError), isinstance(e, Exception))
saved = None
try:
    raise errs[0]
except ValueError as e:
    saved = e
print(saved is errs[0], saved)

# raising something that is not an exception
try:
    raise 42
except TypeError as e:
    print(e)
try:
    raise ValueError from 3
except TypeError as e:
    print(e)

# catching with something that is not an exception class
try:
    try:
        1 / 0
    except "oops":
        pass
except TypeError as e:
    print(e)

# bare raise with no active exception
try:
    raise
except RuntimeError as e:
    print(e)

# assert raises AssertionError
try:
    assert 1 == 2, "math is broken"
except AssertionError as e:
    print("assert:", e, e.args)
try:
    assert False
except AssertionError as e:
    print("assert:", repr(e), e.args)

# next() on an exhausted iterator
it = iter([1])
next(it)
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.args, e.value)

# attributes on exception objects
e = ValueError("x")
e.detail = 42
print(e.detail, e.args)
e.args = ("changed", 1)
print(e, repr(e))
print(StopIteration(7).value, SystemExit(2).code, SystemExit().code)
