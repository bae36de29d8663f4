# scoping: global and nonlocal
total = 0
def add(n):
    global total
    total += n
add(5)
add(7)
print(total)
x = "global x"
def show():
    return x
def shadow():
    x = "local x"
    return x
print(show(), shadow(), x)
def outer():
    a = 1
    def mid():
        nonlocal a
        a += 10
        def inner():
            nonlocal a
            a *= 2
        inner()
    mid()
    return a
print(outer())
def set_later():
    global late_var
    late_var = 99
set_later()
print(late_var)
def running_mean():
    n = 0
    s = 0.0
    def push(v):
        nonlocal n, s
        n += 1
        s += v
        return s / n
    return push
m = running_mean()
print(m(1), m(2), m(4))
