class A:
    def who(self): return "A"
    def hello(self): return "hello from " + self.who()
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
d = D()
print(d.who(), d.hello(), [k.__name__ for k in D.__mro__])
print(isinstance(d, C), issubclass(D, (int, C)), isinstance(d, (int, str)))

class Animal:
    kind = "animal"
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} the {self.kind} says {self.sound}"
    @classmethod
    def create(cls, name):
        return cls(name)
class Dog(Animal):
    kind = "dog"
    sound = "woof"
    def __init__(self, name, tricks=None):
        super().__init__(name)
        self.tricks = tricks or []
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
p = Puppy.create("rex")
print(p.speak(), type(p).__name__, p.tricks, Dog("fido", ["sit"]).tricks)
print(Animal.kind, Dog.kind, p.kind)
Dog.sound = "WOOF"
print(p.speak())
p.kind = "pup"
print(p.speak(), Puppy.kind)

def make_class(base_val):
    class Local:
        val = base_val
        def get(self):
            return self.val + base_val
    return Local
L = make_class(5)
print(L().get(), L.__name__, L.__qualname__, L)

class Outer:
    class Inner:
        def m(self): pass
    x = 1
    y = x + 1
    z = [i * 2 for i in range(3)]
print(Outer.Inner.__qualname__, Outer.y, Outer.z, Outer.Inner.m.__qualname__)

x = "global"
class Scope:
    x = "class"
    def f(self):
        return x
print(Scope().f(), Scope.x)

class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
        return self
    def pop(self):
        return self.items.pop()
s = Stack().push(1).push(2)
print(s.pop(), s.items, vars(s), s.__dict__)
m = s.push
m(7)
print(s.items)

try:
    Animal()
except TypeError as e:
    print(e)
try:
    p.speak(1)
except TypeError as e:
    print(e)
try:
    Dog.nothing
except AttributeError as e:
    print(e)
class NoInit: pass
try:
    NoInit(1)
except TypeError as e:
    print(e)
class BadInit:
    def __init__(self):
        return 1
try:
    BadInit()
except TypeError as e:
    print(e)
del p.kind
print(p.kind)
try:
    del p.kind
except AttributeError as e:
    print(e)
print(issubclass(int, object), issubclass(Dog, object), isinstance(3, object), isinstance(Dog, object), issubclass(Dog, int), issubclass(bool, int), issubclass(int, bool), issubclass(float, (int, float)))
