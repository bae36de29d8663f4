# exception classes defined by the program: class MyError(ValueError)
class MyError(ValueError):
    pass

class AppError(Exception):
    """Base of this app's errors."""
    level = "error"

    def describe(self):
        return f"{type(self).__name__} at level {self.level}: {self}"

class DbError(AppError):
    level = "fatal"

class ShapeError(AppError):
    def __init__(self, expected, got):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got

class CodeError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code

    def __str__(self):
        return f"[{self.code}] {self.args[0]}"

class Quiet(Exception):
    def __init__(self, a, b):
        self.total = a + b        # no super().__init__: args is still (a, b)

class MissingKey(KeyError):
    pass

try:
    raise MyError("bad value", 3)
except ValueError as e:
    print(type(e).__name__, repr(e), e, e.args)
    print(isinstance(e, MyError), isinstance(e, ValueError), isinstance(e, Exception), isinstance(e, KeyError))
    print(type(e) is MyError, e.__class__.__name__, e.__class__ is MyError)

for exc in [AppError("plain"), DbError("disk full"), ShapeError((2, 3), (3, 2))]:
    try:
        raise exc
    except AppError as e:
        print(e.describe(), "|", repr(e))

try:
    raise ShapeError(4, 5)
except ShapeError as e:
    print(e.expected, e.got, e.args, str(e))

try:
    raise CodeError("boom", 42)
except (KeyError, CodeError) as e:
    print(repr(e), str(e), e.code, e.args)
    print(f"{e}", f"{e!r}")

try:
    raise Quiet(1, 2)
except Quiet as e:
    print(e.total, e.args, repr(e), str(e))

try:
    {}["x"]
except KeyError as k:
    try:
        raise MissingKey("x") from k
    except LookupError as m:
        print(repr(m), str(m), repr(m.__cause__), isinstance(m, KeyError))

# raising the class itself
try:
    raise DbError
except AppError as e:
    print(repr(e), e.args, e.level)

# the class hierarchy
print(issubclass(DbError, AppError), issubclass(DbError, Exception), issubclass(MyError, ValueError))
print(issubclass(MyError, KeyError), issubclass(KeyError, LookupError), issubclass(ValueError, KeyError))
print(MyError, DbError.__name__, [c.__name__ for c in DbError.__mro__])
print(AppError.__doc__ is not None, DbError.level, AppError.level)

# a handler for the base class runs before one for the subclass if it comes first
def classify(e):
    try:
        raise e
    except DbError:
        return "db"
    except AppError:
        return "app"
    except Exception:
        return "other"
print([classify(x) for x in [DbError(), AppError(), ShapeError(1, 2), MyError(), ValueError()]])

# attributes on instances
e = MyError("x")
e.note = "extra"
print(e.note, e.args)

# several bases: caught as either
class AxisLike(ValueError, IndexError):
    pass
try:
    raise AxisLike("axis 3 is out of bounds")
except IndexError as e:
    print("as IndexError:", repr(e), isinstance(e, ValueError), isinstance(e, IndexError), isinstance(e, KeyError))
try:
    raise AxisLike("x")
except ValueError as e:
    print("as ValueError:", e)
print(issubclass(AxisLike, IndexError), issubclass(AxisLike, LookupError), issubclass(AxisLike, ArithmeticError))
print([c.__name__ for c in AxisLike.__mro__])

# older spellings: Exception.__init__(self, msg), super(Class, self), e.__str__()
class OldStyle(Exception):
    def __init__(self, msg, extra):
        Exception.__init__(self, msg)
        self.extra = extra
class TwoArgSuper(ValueError):
    def __init__(self, msg):
        super(TwoArgSuper, self).__init__("wrapped: " + msg)
try:
    raise OldStyle("old", 1)
except Exception as e:
    print(repr(e), e.extra, e.__str__(), e.__repr__())
try:
    raise TwoArgSuper("x")
except ValueError as e:
    print(repr(e), str(e))
e = KeyError("k")
print(e.__str__(), ValueError.__str__(ValueError("v")))

# properties, classmethods and staticmethods on an exception class
class HTTPError(Exception):
    def __init__(self, status):
        super().__init__(f"status {status}")
        self.status = status
    @property
    def retryable(self):
        return self.status >= 500
    @classmethod
    def from_text(cls, text):
        return cls(int(text))
    @staticmethod
    def codes():
        return [404, 503]
for code in HTTPError.codes():
    try:
        raise HTTPError.from_text(str(code))
    except HTTPError as e:
        print(e, e.retryable, e.status, type(e).__name__)
