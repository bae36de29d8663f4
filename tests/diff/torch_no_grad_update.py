import torch
# updating parameters in place under no_grad
w = torch.tensor([1.0, -1.0], requires_grad=True)
x = torch.tensor([2.0, 3.0])
loss = ((w * x).sum() - 1.0) ** 2
loss.backward()
print(loss, w.grad)
with torch.no_grad():
    w -= 0.1 * w.grad
print(w, w.is_leaf, w.requires_grad)
with torch.no_grad():
    y = w * 2
print(y, y.requires_grad, y.grad_fn)
w.grad.zero_()
z = w * 2
print(z.requires_grad, z.grad_fn.name())
with torch.no_grad():
    w += 1
    w *= 0.5
print(w)
