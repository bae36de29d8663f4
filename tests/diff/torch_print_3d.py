import torch
# 3-d tensors print with blank lines between blocks
t = torch.arange(24.0).reshape(2, 3, 4)
print(t)
print(torch.arange(8).reshape(2, 2, 2))
print(torch.ones(1, 2, 3))
print(torch.zeros(2, 1, 2, 2))
print(t.shape, t.dim(), t[1].shape, t[1, 2], t[0, :, 1])
