import torch
# gradients accumulate across backward calls until zeroed
w = torch.tensor(2.0, requires_grad=True)
for step in range(3):
    loss = w * 3.0
    loss.backward()
    print(step, w.grad)
w.grad.zero_()
print(w.grad)
(w * w).backward()
print(w.grad)
w.grad = None
print(w.grad)
(w ** 3).backward()
print(w.grad)
v = torch.tensor([1.0, 2.0], requires_grad=True)
(v * 2).sum().backward()
(v * v).sum().backward()
print(v.grad)
v.grad.zero_()
print(v.grad)
