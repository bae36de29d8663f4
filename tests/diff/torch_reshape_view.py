import torch
# reshape, view, flatten
x = torch.arange(12)
print(x.reshape(3, 4))
print(x.view(2, 6))
print(x.reshape(2, -1), x.reshape(-1, 3).shape)
print(x.view(2, 2, 3))
m = torch.arange(6.0).reshape(2, 3)
print(m.flatten(), m.reshape(-1), m.reshape(6, 1).shape)
print(torch.arange(24).reshape(2, 3, 4).flatten(1).shape)
print(torch.tensor(5.0).reshape(1), torch.tensor([5.0]).reshape(()))
y = x.view(3, 4)
y[0, 0] = 100
print(x[0])
