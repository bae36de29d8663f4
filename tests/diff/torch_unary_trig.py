import torch
# sin, cos, tanh
x = torch.linspace(-2, 2, 5)
print(x)
print(torch.sin(x))
print(torch.cos(x))
print(torch.tanh(x))
print(x.sin(), x.cos(), x.tanh())
print(torch.sin(torch.tensor(3.14159265)), torch.cos(torch.tensor(0.0)))
print(torch.tanh(torch.tensor([20.0, -20.0])))
