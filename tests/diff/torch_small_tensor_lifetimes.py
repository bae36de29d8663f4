# Small tensors keep their data in the tensor's own allocation (tensor.c); views, .data
# replacement and the tape must keep that data alive exactly as long as something uses it.
import torch
a = torch.tensor([1., 2., 3.])
v = a[1:]
del a
print(v, v + 1)
b = torch.tensor([1., 2.])
c = torch.tensor([5., 6., 7.])
b.data = c
print(b, c)
d = b[0:2]
del b
print(d)
del c
print(d * 2)
e = torch.arange(4)
f = e.view(2, 2)
g = f.t()
del e, f
print(g, g.contiguous().view(-1))
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
z = y.sum()
del y
z.backward()
print(x.grad, z)
w = torch.tensor(2.0, requires_grad=True)
for i in range(3):
    l = (w * torch.tensor([1., 2., 3., 4.]) - 1) ** 2
    l = l.mean()
    l.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
    w.grad.zero_()
print(w, l)
h = torch.zeros(3)
h2 = h.detach()
h2 += 1
del h2
print(h)
big = torch.ones(100)
bv = big[98:]
del big
print(bv)
