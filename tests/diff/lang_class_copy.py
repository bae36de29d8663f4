import copy

class Pt:
    def __init__(self, x, tags):
        print("init")
        self.x = x
        self.tags = tags
    def __repr__(self):
        return f"Pt({self.x}, {self.tags})"

p = Pt(1, ["a"])
q = copy.copy(p)
r = copy.deepcopy(p)
p.tags.append("b")
print(p, q, r, q is p, q.tags is p.tags, r.tags is p.tags, type(r).__name__)

class C:
    def __init__(self):
        self.n = 0
    def __copy__(self):
        c = C()
        c.n = self.n + 100
        return c
print(copy.copy(C()).n)
class Tree:
    def __init__(self, kids):
        self.kids = kids
        self.parent = None
t = Tree([Tree([]), Tree([])])
for k in t.kids:
    k.parent = t
t2 = copy.deepcopy(t)
print(t2.kids[0].parent is t2, t2 is not t, len(t2.kids))
o = object.__new__(Pt)
print(hasattr(o, "x"), type(o).__name__)
