import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(5)
inner = nn.Sequential(nn.Linear(3, 3), nn.Tanh())
model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), inner, nn.Linear(3, 2), nn.Softmax(dim=1))
print(model)
print(nn.Sequential())
print(model[-1], model[2][0], len(model))
print(model[1:3])
for layer in model:
    print(type(layer).__name__ if False else layer)
print(model.train() is model, model.eval() is model, model.training)
x = torch.randn(5, 4)
out = model(x)
print(out)
print(out.sum(dim=1))
print(out.grad_fn.name())
for name, p in model.named_parameters():
    print(name, list(p.shape))
print(sum(p.numel() for p in model.parameters()))

lin = nn.Linear(3, 2)
print(lin.in_features, lin.out_features, lin.weight.shape, lin.bias.shape)
print(lin.weight.is_leaf, lin.weight.requires_grad, lin.weight.grad)
y = F.linear(x[:, :3], lin.weight, lin.bias)
print((y - lin(x[:, :3])).abs().max())
with torch.no_grad():
    lin.weight[0, 0] = 1.0
    lin.bias.zero_()
print(lin.weight, lin.bias)
lin.weight = nn.Parameter(torch.ones(2, 3))
print(lin.weight, lin(torch.ones(3)))
lin.zero_grad()
lin(torch.ones(4, 3)).sum().backward()
print(lin.weight.grad, lin.bias.grad)
lin.zero_grad()
print(lin.weight.grad, lin.bias.grad)
p = nn.Parameter(torch.tensor([1.0, 2.0]))
print(p, p * 2, p.detach())
q = torch.randn(2, 3, 4)
print(lin(q[:, :, :3].contiguous()).grad_fn.name(), lin(q[:, :, :3]).shape)
d = nn.Linear(2, 2, dtype=torch.float64)
print(d.weight, d(torch.ones(2, dtype=torch.float64)))
