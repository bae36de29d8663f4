import copy
from collections import Counter, defaultdict, OrderedDict
a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[1].append(99)
a[2]['k'].append(5)
print(a, b, c)
print(b[1] is a[1], c[1] is a[1])
d = {'x': [1], 'y': (1, [2])}
e = copy.deepcopy(d)
d['y'][1].append(3)
print(d, e)
t = (1, 2, 'a')
print(copy.deepcopy(t) is t, copy.copy(t) is t)
s = {1, 2, (3, 4)}
s2 = copy.copy(s); s2.add(5); print(sorted(s, key=str), sorted(s2, key=str))
cnt = Counter('hello')
c2 = copy.deepcopy(cnt); c2['z'] += 1
print(cnt, c2)
dd = defaultdict(list); dd['a'].append(1)
dd2 = copy.deepcopy(dd); dd2['b'].append(2); dd2['a'].append(3)
print(dd, dd2)
od = OrderedDict([('a', 1), ('b', [2])])
od2 = copy.deepcopy(od); od2['b'].append(3)
print(od, od2, copy.copy(od))
x = [1]
x.append(x)
y = copy.deepcopy(x)
print(y[1] is y, y[1] is x, len(y))
shared = [0]
z = copy.deepcopy([shared, shared])
print(z[0] is z[1], z[0] is shared)
print(copy.copy(5), copy.deepcopy('s'), copy.deepcopy(None), copy.deepcopy(2.5))
f = lambda q: q
print(copy.deepcopy(f) is f)
print(copy.deepcopy(range(3)))
from collections import deque
q = deque([[1], [2]], maxlen=4)
q2 = copy.deepcopy(q); q3 = copy.copy(q)
q[0].append(5)
print(q, q2, q3)
