import torch
# gradients through shared inputs, indexing, max, and kinks at zero
x = torch.tensor([-1.0, 0.0, 2.0, 3.0], requires_grad=True)
y = (x * x + x.relu() + x.abs() + x.clamp(-0.5, 2.0)).sum()
y.backward()
print(y, x.grad)
x.grad = None
z = x[2] * x[3] + x[0] ** 2 + x.max()
z.backward()
print(z, x.grad)
p = torch.tensor([0.25, 4.0], requires_grad=True)
q = (p.sqrt() / p + torch.sigmoid(p) * p.log() - 1 / p).mean()
q.backward()
print(q, p.grad)
a = torch.tensor(3.0, requires_grad=True)
b = a * 2
c = b * b + b
c.backward()
print(c, a.grad)
s = torch.tensor([1.0, 2.0], requires_grad=True)
t = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
u = (t @ s).sum() + (s @ t).mean() + t.sum(dim=0).max()
u.backward()
print(u, s.grad, t.grad)
