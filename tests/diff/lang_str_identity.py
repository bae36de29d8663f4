a = "hello"
b = "hello"
print(a is b, "a" is "a")
def f():
    return "hello"
print(f() is a, f() == a)
k = "key"
d = {"key": 1}
print(list(d)[0] is k)
