import torch
import numpy as np
x = torch.arange(12.).reshape(3, 4)
a = np.arange(12.).reshape(3, 4)
y = torch.tensor([0, 2, 3])
for t in (x, a):
    print(t[[0, 1], [1, 2]])
    print(t[range(3), [0, 2, 3]])
    print(t[:, [0, 2]])
    print(t[0, [1, 3]])
    print(t[[2, 0], 1:3])
    print(t[[[0], [2]], [1, 3]])
    print(t[1:, [True, False, True, False]])
    print(t[:, None, [0, 1]].shape)
print(x[torch.arange(3), y])
print(a[np.arange(3), [0, 2, 3]])
w = torch.arange(12.).reshape(3, 4).requires_grad_()
s = w[range(3), y].sum() + w[:, [1, 1]].sum()
s.backward()
print(w.grad)
x[range(3), y] = -1.0
print(x)
a[[0, 2], 1:3] = 7
print(a)
p = torch.tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
lab = torch.tensor([1, 0, 1])
print(-torch.log(p[range(len(lab)), lab]).mean())
print(torch.tensor(range(5)), np.array(range(3)))
