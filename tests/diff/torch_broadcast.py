import torch
# broadcasting arithmetic
a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
row = torch.tensor([10.0, 20.0, 30.0])
col = torch.tensor([[1.0], [2.0]])
print(a + row)
print(a * col)
print(a - 1, 1 - a)
print(a / row)
print(col + row)
print(a ** 2, 2 ** torch.tensor([1.0, 2.0, 3.0]))
print(-a, a @ torch.tensor([1.0, 0.0, -1.0]))
print(torch.tensor(2.0) * a)
print(torch.ones(2, 1, 3) + torch.arange(4.0).reshape(4, 1))
