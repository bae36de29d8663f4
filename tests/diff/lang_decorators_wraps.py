import functools
import time

def timed(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        r = f(*args, **kwargs)
        return r
    return wrapper

@timed
def add(a, b=2):
    """add things"""
    return a + b
print(add(1), add(1, b=5), add.__name__, add.__doc__)

class Cache:
    def __init__(self):
        self.hits = 0
    @functools.lru_cache(maxsize=None)
    def fib(self, n):
        return n if n < 2 else self.fib(n - 1) + self.fib(n - 2)
c = Cache()
print(c.fib(30))

def count_calls(f):
    def inner(*a, **k):
        inner.calls += 1
        return f(*a, **k)
    inner.calls = 0
    return inner
@count_calls
def sq(x):
    return x * x
sq(2); sq(3)
print(sq.calls, sq(4), sq.calls)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
print(add.__wrapped__(10), add.__qualname__)
