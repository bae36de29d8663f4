import copy
import torch
import numpy as np
t = torch.tensor([1.0, 2.0], requires_grad=True)
c = copy.copy(t)
print(c, c.requires_grad, c.is_leaf)
with torch.no_grad():
    c[0] = 5
print(t)
d = copy.deepcopy(t)
print(d, d.requires_grad, d.is_leaf, d.grad)
with torch.no_grad():
    d[1] = 7
print(t, d)
(t * 2).sum().backward()
e = copy.deepcopy(t)
print(e.grad)
e.grad.zero_()
print(t.grad, e.grad)
w = torch.zeros(3)
print(copy.deepcopy(w).requires_grad)
state = {'w': t, 'hist': [torch.tensor(1.5)]}
s2 = copy.deepcopy(state)
print(s2)
a = np.array([1, 2])
b = copy.copy(a); b[0] = 9
c = copy.deepcopy(a); c[1] = 8
print(a, b, c)
print(copy.deepcopy({'a': np.zeros((2, 2))}))
