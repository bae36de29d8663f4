import torch
x = torch.arange(12).reshape(3, 4)
print(x)
print(x[1], x[1, 2], x[-1])
print(x[:, 1])
print(x[1:3, :2])
print(x[::2])
print(x[x > 5])
print(x[:, [0, 2]])
print(x[[0, 2]])
x[0] = 100
print(x)
x[:, 1] = -1
print(x)
x[x > 50] = 0
print(x)
print(x[..., 0])
print(x[None].shape, x[:, None].shape)
y = torch.arange(24).reshape(2, 3, 4)
print(y[..., 1], y[0, ...], y[..., 1:3].shape, y[1, ..., 0], y[...].shape, y[..., None].shape)
y[..., 0] = 0
print(y)
f = torch.ones(2, 3)
f[..., -1] = 5
print(f, f[..., -1])
print(...)
