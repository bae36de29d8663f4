# roll, index_select, amax/amin, logsumexp, diag, trace, unbind: values, grad_fn names, grads
import torch

x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
v = torch.tensor([1., 2., 3.], requires_grad=True)
print(torch.roll(x, 1))
print(torch.roll(x, 1, 1), torch.roll(x, (1, -1), (0, 1)))
print(x.roll(-1, 0), x.roll(shifts=4, dims=1))
print(torch.index_select(x, 1, torch.tensor([2, 0])))
print(x.index_select(0, torch.tensor([1, 1, 0])))
print(torch.amax(x, 1), torch.amin(x), x.amax(), x.amax(dim=0, keepdim=True))
print(x.amin(dim=(0, 1)), torch.amax(x, -1, True))
print(torch.logsumexp(x, 1), x.logsumexp(0), torch.logsumexp(x, 1, keepdim=True))
print(torch.diag(v), torch.diag(x), torch.diag(v, 1), torch.diag(v, -1))
print(torch.trace(x), x.trace(), x.diag(), x.diag(1), x.diag(-1))
print(torch.unbind(x), x.unbind(1))

# grads
(torch.roll(x, 1, 1) * torch.tensor([1., 2., 3.])).sum().backward()
print(x.grad)
x.grad = None
y = torch.index_select(x, 1, torch.tensor([2, 0, 2]))
(y * y).sum().backward()
print(x.grad)
x.grad = None
m = torch.tensor([[1., 3., 3.], [2., 0., 2.]], requires_grad=True)
m.amax(1).sum().backward()
print(m.grad)
m.grad = None
m.amin().backward()
print(m.grad)
m.grad = None
(m.amax(dim=0, keepdim=True) * 2).sum().backward()
print(m.grad)
z = torch.tensor([[0.5, -1.0, 2.0], [3.0, 0.1, -0.7]], requires_grad=True)
torch.logsumexp(z, 1).sum().backward()
print(z.grad)
z.grad = None
(torch.logsumexp(z, 0, keepdim=True) * torch.tensor([[1., 2., 3.]])).sum().backward()
print(z.grad)
(torch.diag(v) * torch.arange(9.).reshape(3, 3)).sum().backward()
print(v.grad)
x.grad = None
(x.diag(1) * torch.tensor([2., 3.])).sum().backward()
print(x.grad)
x.grad = None
torch.trace(x).backward()
print(x.grad)
a, b = torch.unbind(x)
x.grad = None
(a * 2 + b * 3).sum().backward()
print(x.grad)
q = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64, requires_grad=True)
s = torch.logsumexp(q * 10, 0)
print(s)
s.sum().backward()
print(q.grad)
print(torch.tensor([[1, 2], [3, 4]]).trace(), torch.tensor([[1, 2], [3, 4]]).amax(0))
print(torch.tensor([float('inf'), 1.0]).logsumexp(0), torch.tensor([-float('inf'), -float('inf')]).logsumexp(0))
torch.manual_seed(3)
x = torch.randn(6, 37, requires_grad=True)
print(torch.logsumexp(x, 1).tolist())
print(torch.logsumexp(x, 0).tolist()[:10])
torch.logsumexp(x, 1).sum().backward()
print(x.grad[0].tolist()[:12])
