import torch
# reductions along a dimension, with keepdim
x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
print(x.sum(dim=0), x.sum(dim=1), x.sum(0), x.sum(-1))
print(x.sum(dim=1, keepdim=True))
print(x.mean(dim=0), x.mean(dim=1, keepdim=True))
print(torch.sum(x, dim=0), torch.mean(x, 1))
print(x.argmax(dim=1), x.argmax(dim=0), x.argmax(1, keepdim=True))
t = torch.arange(24.0).reshape(2, 3, 4)
print(t.sum(dim=1))
print(t.mean(dim=2, keepdim=True).shape, t.sum(dim=0).shape)
print(torch.tensor([[1, 2], [3, 4]]).sum(dim=0))
