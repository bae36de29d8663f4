import torch
import numpy as np
x = torch.arange(24.).reshape(2, 3, 4)
print(x.sum(dim=(0, 2)), x.mean(dim=(1, 2)), x.sum((0, 1), keepdim=True), torch.sum(x, dim=[0, 2]))
a = np.arange(24.).reshape(2, 3, 4)
print(a.sum(axis=(0, 2)), a.mean(axis=(1, 2)), np.sum(a, axis=(0, 1), keepdims=True))
w = torch.ones(2, 3, requires_grad=True)
l = (w * 2).sum(dim=(0, 1))
print(l)
l.backward()
print(w.grad)
print(x.sum(dim=()))
