import torch
# comparisons, iteration and len
t = torch.tensor([3.0, 1.0, 4.0, 1.0, 5.0])
print(t > 2, t == 1, t <= 3, t != 4)
print((t > 2).sum(), (t > 2).sum().item(), len(t))
for v in t:
    print(v, v.item())
m = torch.tensor([[1, 2], [3, 4]])
print(m == torch.tensor([1, 4]), m > torch.tensor([[2], [2]]))
print([x.tolist() for x in m])
print(t.max().item() == 5.0, bool(t.sum() > 10))
