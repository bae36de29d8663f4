import torch
import torch.nn as nn
import torch.nn.functional as F

print(nn.Softplus(), nn.Softplus(beta=2, threshold=10), nn.Softplus(2.0), nn.GELU(), nn.ELU(), nn.ELU(alpha=0.5), nn.ELU(2), nn.SiLU())
x = torch.linspace(-3, 3, 7, requires_grad=True)
for f in [F.softplus, F.gelu, F.elu, F.silu]:
    x.grad = None
    y = f(x)
    print(y)
    y.sum().backward()
    print(x.grad)
print(F.softplus(x, beta=2), F.softplus(torch.tensor([30., -30.])), F.elu(x, alpha=0.3))
torch.manual_seed(0)
z = torch.randn(4, 5)
print(F.gelu(z), F.silu(z), F.elu(z), F.softplus(z))
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 8), nn.GELU(), nn.Linear(8, 8), nn.SiLU(), nn.Linear(8, 4), nn.ELU(), nn.Linear(4, 1), nn.Softplus())
print(net)
inp = torch.randn(5, 3)
out = net(inp)
print(out)
out.mean().backward()
print(net[6].weight.grad)
print(net[4].bias.grad)
