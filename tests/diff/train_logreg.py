import torch
# logistic regression training; inputs are powers of two so X @ w is exact per product
X = torch.tensor([[1.0, 2.0], [2.0, 1.0], [-1.0, -2.0], [-2.0, -0.5], [0.5, 1.0], [-0.5, -1.0], [4.0, -1.0], [-1.0, 0.25]])
y = torch.tensor([1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0])
w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.25
for step in range(101):
    p = torch.sigmoid(X @ w + b)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if step % 20 == 0:
        print(f"step {step:3d}: loss {loss.item():.5f}")
acc = ((p > 0.5) == (y > 0.5)).sum().item() / len(y)
print(f"accuracy {acc:.2f}")
print([round(v, 3) for v in w.tolist()], round(b.item(), 3))
