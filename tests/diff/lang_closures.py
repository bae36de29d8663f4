# closures capture variables, not values
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(0))
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
fns = [lambda y, i=i: y * i for i in range(4)]
print([f(10) for f in fns])
late = [lambda: i for i in range(3)]
print([f() for f in late])
def outer():
    x = "outer"
    def inner():
        return x
    x = "changed"
    return inner()
print(outer())
def compose(f, g):
    return lambda v: f(g(v))
h = compose(lambda v: v + 1, lambda v: v * 2)
print(h(5))
