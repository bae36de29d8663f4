import torch
# detach, clone, is_leaf, requires_grad_
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
d = y.detach()
print(y, d, d.requires_grad, d.is_leaf, y.is_leaf)
c = x.clone()
print(c, c.is_leaf, c.grad_fn.name())
p = torch.tensor([5.0, 6.0])
print(p.requires_grad, p.is_leaf)
p.requires_grad_()
print(p, p.requires_grad)
q = (p * p).sum()
q.backward()
print(p.grad)
print(torch.tensor([1.0]).requires_grad_(True))
e = x.detach() + 1
print(e, e.requires_grad)
