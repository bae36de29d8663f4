# lambdas and higher-order functions
sq = lambda x: x * x
print(sq(7), (lambda a, b=3: a + b)(1), (lambda *a: len(a))(1, 2, 3))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(lambda v: v * 2, 10, 1))
print(apply_n(lambda v: v / 2 + 1, 5, 0.0))
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print(ops["add"](2, 3), ops["mul"](2, 3))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])))
def derivative(f, h=1e-6):
    return lambda x: (f(x + h) - f(x - h)) / (2 * h)
d = derivative(lambda x: x ** 3)
print(f"{d(2.0):.4f}")
def newton(f, df, x, steps):
    for _ in range(steps):
        x = x - f(x) / df(x)
    return x
print(newton(lambda x: x * x - 2, lambda x: 2 * x, 1.0, 6))
