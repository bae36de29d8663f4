class A:
    def __repr__(self):
        return repr(self)
try:
    repr(A())
except RecursionError as e:
    print("RecursionError")
class G:
    def __getattr__(self, n):
        return self.missing
try:
    G().x
except RecursionError:
    print("RecursionError 2")
class H:
    def __eq__(self, o):
        return self == o
try:
    H() == H()
except RecursionError:
    print("RecursionError 3")
try:
    super()
except RuntimeError as e:
    print(e)
def f():
    return super()
try:
    f()
except RuntimeError as e:
    print(e)
class B:
    def m(self):
        return super().m()
try:
    B().m()
except AttributeError as e:
    print(e)
class C:
    def m(self):
        return super().__init__()
try:
    C.m(3)
except TypeError as e:
    print(e)
class L:
    def __len__(self):
        return -1
try:
    len(L())
except ValueError as e:
    print(e)
class Bo:
    def __bool__(self):
        return 1
try:
    bool(Bo())
except TypeError as e:
    print(e)
class It:
    def __iter__(self):
        return [1]
try:
    iter(It())
except TypeError as e:
    print(e)
x = 1
class D:
    del_me = 1
    del del_me
print(hasattr(D, "del_me"))
class Deep: pass
for i in range(200):
    Deep = type("x", (), {}) if False else (lambda b: (lambda: b)())(Deep)
    class Deep(Deep):
        pass
print(len(Deep.__mro__))
