# function arguments: defaults, keywords, *args
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1), total(1, 2, 3))
def head_tail(first, *rest):
    return first, rest
print(head_tail(1, 2, 3), head_tail("only"))
def scale(xs, factor=2):
    return [x * factor for x in xs]
print(scale([1, 2]), scale([1, 2], factor=0.5))
def append_to(v, acc=None):
    if acc is None:
        acc = []
    acc.append(v)
    return acc
print(append_to(1), append_to(2))
def nothing():
    pass
print(nothing())
def describe(a, b=2, *more):
    return f"a={a} b={b} more={more}"
print(describe(1), describe(1, 3), describe(1, 3, 5, 7))
args = [4, 5, 6]
print(total(*args), max(*args))
