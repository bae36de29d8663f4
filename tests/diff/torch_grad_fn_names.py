import torch
# grad_fn names, exactly as torch 1.13 gives them
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
W = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
print(x.grad_fn)
for y in [x + 1, x - 1, 1 - x, x * 2, x / 2, 2 / x, x ** 2, x ** 3, -x, x.exp(), x.log(),
          x.sqrt(), x.abs(), x.sin(), x.cos(), x.tanh(), x.sigmoid(), x.relu(), x.clamp(0, 2),
          x.sum(), x.mean(), x.sum(dim=0), x.mean(dim=0), x.max(), x.dot(x), x @ W, W.T, W.t(),
          W.transpose(0, 1), W.reshape(2, 3), W.view(6), W.flatten(), x.unsqueeze(0),
          W @ W.T, W[0], W[:, 1], x * x, x + x, x - x]:
    print(y.grad_fn.name())
y = (x * 2).sum()
print(y)
print(x * 2)
print(x.mean())
print(W.sum(dim=1))
