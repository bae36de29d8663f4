import functools
from functools import reduce, partial, lru_cache
print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 6), 10))
print(reduce(max, [3, 9, 2]))
print(reduce(lambda acc, x: acc + [x * 2], [1, 2], []))
print(reduce(lambda a, b: a + b, [], 0))
def power(base, exponent, scale=1):
    return scale * base ** exponent
square = partial(power, exponent=2)
cube = functools.partial(power, exponent=3, scale=2)
print(square(5), cube(2), cube(2, scale=1))
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(10), list(map(add3, [1, 2])))
int2 = partial(int, base=2)
print(int2('1011'))
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib = lru_cache(maxsize=None)(fib)
print(fib(80))
def f2(x):
    print('computing', x)
    return x * x
f2 = functools.cache(f2)
print(f2(3), f2(3), f2(4))
def g(x, y=1):
    return x + y
g = lru_cache(g)
h = lru_cache(maxsize=2)(lambda x: x * 10)
print([h(i % 3) for i in range(7)])
print(g(1), g(1, y=2), g(1))
