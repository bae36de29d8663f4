class Account:
    interest = 0.02
    accounts = 0
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self._balance = balance
        type(self).accounts += 1
    @property
    def balance(self):
        return round(self._balance, 2)
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("Deposit must be positive")
        self._balance += amount
        return self
    def withdraw(self, amount):
        if amount > self._balance:
            raise ValueError(f"Insufficient funds: {self._balance:.2f} < {amount:.2f}")
        self._balance -= amount
    def add_interest(self):
        self._balance *= 1 + self.interest
    def __str__(self):
        return f"{self.owner}: ${self.balance:,.2f}"
class Savings(Account):
    interest = 0.05
    def withdraw(self, amount):
        print("Savings withdrawal")
        super().withdraw(amount)
accts = [Account("Ann", 100), Savings("Bob", 1000.5)]
for a in accts:
    a.deposit(50).add_interest()
    print(a, a.balance, a.__class__.accounts)
try:
    accts[1].withdraw(10**6)
except ValueError as e:
    print("Error:", e)
print(Account.accounts, Savings.accounts, vars(Savings)['accounts'] if 'accounts' in vars(Savings) else '-')

class Node:
    def __init__(self, val, next=None):
        self.val = val
        self.next = next
class LinkedList:
    def __init__(self):
        self.head = None
        self.size = 0
    def push(self, v):
        self.head = Node(v, self.head)
        self.size += 1
    def __iter__(self):
        node = self.head
        out = []
        while node:
            out.append(node.val)
            node = node.next
        return iter(out)
    def __len__(self):
        return self.size
    def __repr__(self):
        return " -> ".join(map(str, self)) or "empty"
ll = LinkedList()
print(ll, bool(ll))
for i in range(4):
    ll.push(i * i)
print(ll, len(ll), list(reversed(list(ll))), sum(ll), bool(ll))

class Matrix:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __repr__(self):
        return "\n".join(" ".join(f"{v:4}" for v in r) for r in self.rows)
    def __eq__(self, o):
        return self.rows == o.rows
A = Matrix([[1, 2], [3, 4]])
print(A @ A)
print(A @ Matrix([[1, 0], [0, 1]]) == A)

class Shape:
    def area(self): return 0
    def __lt__(self, other): return self.area() < other.area()
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return 3.14159 * self.r ** 2
    def __repr__(self): return f"Circle({self.r})"
class Rect(Shape):
    def __init__(self, w, h): self.w, self.h = w, h
    def area(self): return self.w * self.h
    def __repr__(self): return f"Rect({self.w}, {self.h})"
shapes = [Circle(1), Rect(2, 3), Circle(0.5), Rect(1, 1)]
print(sorted(shapes), max(shapes), [f"{s.area():.2f}" for s in shapes])
print([isinstance(s, Circle) for s in shapes], [type(s).__name__ for s in shapes])
print(sorted([(1, Circle(2)), (0, Rect(1, 2))])[0])
