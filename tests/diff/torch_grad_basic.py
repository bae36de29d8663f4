import torch
# requires_grad, backward, .grad
x = torch.tensor(3.0, requires_grad=True)
print(x, x.grad, x.requires_grad, x.is_leaf)
y = x ** 2 + 2 * x + 1
print(y)
y.backward()
print(x.grad)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
z = (w * w).sum()
z.backward()
print(z, w.grad)
a = torch.tensor([0.5, -1.0], requires_grad=True)
b = torch.tensor([2.0, 4.0], requires_grad=True)
c = (a * b + a.exp()).mean()
c.backward()
print(c, a.grad, b.grad)
print(a.is_leaf, c.is_leaf, c.requires_grad, b.grad.requires_grad)
