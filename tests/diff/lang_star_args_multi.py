# f(*xs, a) and several * arguments in one call
def f(*a, k=0):
    return (a, k)
def g(a, b, c):
    return a * 100 + b * 10 + c
xs = [1, 2]
print(f(*xs, 3))
print(f(0, *xs, 3, *xs))
print(f(*xs, *"ab", k=4))
print(f(*[], 9), f(*(), *[]), f(*xs))
print(g(1, *[2], 3), g(*[1], *(2, 3)), g(*range(2), 7))
print(max(*xs, 0), min(5, *xs), sum(xs))
print(*xs, 7, *"yz", sep="-")
order = []
def note(v):
    order.append(v)
    return [v]
f(*note(1), note(2)[0], *note(3))
print(order)
print("{}-{}-{}".format(*"ab", "c"), list(zip(*[[1, 2], [3, 4]], [5, 6])))
