import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(42)

class TwoLayerNet(nn.Module):
    """A tiny classifier."""
    def __init__(self, d_in, d_hidden, d_out):
        super().__init__()
        self.hidden = nn.Linear(d_in, d_hidden)
        self.out = nn.Linear(d_hidden, d_out)
        self.dropout_p = 0.0

    def forward(self, x):
        h = F.relu(self.hidden(x))
        return self.out(h)

X = torch.randn(8, 3)
y = torch.tensor([0, 1, 1, 0, 1, 0, 0, 1])
net = TwoLayerNet(3, 5, 2)
print(net)
print(sum(p.numel() for p in net.parameters()))
opt = torch.optim.Adam(net.parameters(), lr=0.05)
crit = nn.CrossEntropyLoss()
for step in range(31):
    logits = net(X)
    loss = crit(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(f"step {step}: loss {loss.item():.4f}")

@torch.no_grad()
def accuracy(model, X, y):
    pred = model(X).argmax(dim=1)
    return (pred == y).float().mean().item()

print(accuracy(net, X, y))
out = accuracy
print(net(X).requires_grad)

with torch.no_grad():
    print(net(X[:2]).requires_grad)

sd = net.state_dict()
print(list(sd.keys()))
print(sd['out.bias'])
net2 = TwoLayerNet(3, 5, 2)
print(net2.load_state_dict(sd))
print(torch.equal(net2(X), net(X)))
print([name for name, _ in net.named_modules()])
print([type(m).__name__ for m in net.modules()])
print([name for name, _ in net.named_children()])
net.zero_grad(set_to_none=True)
print(net.hidden.weight.grad)
net.eval()
print(net.training, net.hidden.training)
print(type(net).__name__, TwoLayerNet.__doc__)

class WithParam(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([1.0, -2.0]))
        self.b = nn.Parameter(torch.tensor(0.5))
    def forward(self, x):
        return (x * self.w).sum() + self.b
    def extra_repr(self):
        return "n=2"

m = WithParam()
print(m)
print(list(m.parameters()))
l = m(torch.tensor([3.0, 4.0]))
l.backward()
print(l, m.w.grad, m.b.grad)
try:
    class Bad(nn.Module):
        def __init__(self):
            self.fc = nn.Linear(1, 1)
    Bad()
except AttributeError as e:
    print(e)
class NoForward(nn.Module):
    pass
try:
    NoForward()(1)
except NotImplementedError as e:
    print(e)
seq = nn.Sequential(nn.Linear(2, 2), WithParam())
print(seq)
print([n for n, p in seq.named_parameters()])
