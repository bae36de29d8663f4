import torch
# max/min with dim return a (values, indices) named pair
x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
r = x.max(dim=1)
print(r)
print(r.values, r.indices)
print(r[0], r[1])
v, i = x.min(dim=0)
print(v, i)
print(torch.max(x, 1))
print(x.max(dim=0, keepdim=True))
print(torch.tensor([3, 1, 2]).max(dim=0))
