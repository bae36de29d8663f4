import torch
# more grad_fn names
x = torch.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
v = torch.tensor([0.5, 2.0], requires_grad=True)
ys = [x - v, v - x, x / v, v / 2.0, x.sum(dim=1, keepdim=True), x.max(dim=0).values,
      x.min(), x.clamp(min=0), x.clamp(max=1), x.T.reshape(-1), x @ v, v @ x,
      torch.matmul(x, x), x.mean(dim=1), x[0, 1], x[:, 0:1], x.t().flatten(),
      x.unsqueeze(0).squeeze(0), x.squeeze(), torch.exp(x).sum(), x.clone(), x * 1, 2 ** v]
for y in ys:
    print(y.grad_fn.name())
print(x.max(dim=0))
