import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
ops = [x + 1, 1 + x, x - 1, 1 - x, x * 2, 2 * x, x / 2, 2 / x, x ** 2, 2 ** x, -x, x.exp(), x.log(), x.sqrt(),
       x.abs(), x.sin(), x.cos(), x.tanh(), x.sigmoid(), x.relu(), x.clamp(0, 2), x.sum(), x.mean(), x.max(), x.min(),
       x.view(3, 1), x.reshape(1, 3), x.unsqueeze(0), x[0], x[1:], x[[0, 2]], x.clone(), x.double(), x.t(), x @ x,
       x.dot(x), torch.cat([x, x]), torch.stack([x, x]), x.expand(2, 3), x.softmax(0), x.log_softmax(0),
       torch.maximum(x, x * 0 + 2), x.max(0)[0], x.sum(0), x.mean(0), x.add(1), x.mul(x), x.sub(x), x.div(x)]
for o in ops:
    print(o.grad_fn.name() if o.grad_fn is not None else None)
