import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import optim

torch.manual_seed(1)
# two features, bias, SGD with momentum and weight decay
X = torch.randn(20, 2)
true_w = torch.tensor([[1.5], [-0.5]])
Y = X @ true_w + 0.3
model = nn.Linear(2, 1)
print(model.weight, model.bias)
opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=0.001)
print(opt)
crit = nn.MSELoss()
for epoch in range(60):
    opt.zero_grad()
    out = model(X)
    loss = crit(out, Y)
    loss.backward()
    opt.step()
    if epoch % 6 == 0:
        print(epoch, f'{loss.item():.6f}', model.weight.grad, model.bias.grad)
print(model.weight)
print(model.bias)
for name, p in model.named_parameters():
    print(name, p.shape, p.requires_grad)

# nesterov, dampening-free
model2 = nn.Linear(2, 1, bias=False)
print(model2, model2.bias)
opt2 = torch.optim.SGD(model2.parameters(), lr=0.02, momentum=0.5, nesterov=True)
for epoch in range(30):
    loss = F.mse_loss(model2(X), Y)
    loss.backward()
    opt2.step()
    opt2.zero_grad()
print(loss, model2.weight)
print(model2(X[0]), model2(X[:3]))
print(model2(X[0]).grad_fn.name(), model2(X[:3]).grad_fn.name())
opt2.zero_grad(set_to_none=True)
print(model2.weight.grad)
