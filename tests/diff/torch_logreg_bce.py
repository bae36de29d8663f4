import torch
# logistic regression with hand-written binary cross-entropy
# inputs are powers of two, so X @ w rounds the same with or without FMA
X = torch.tensor([[0.5, 1.0], [2.0, -0.5], [-1.0, 2.0], [2.0, 0.5], [-0.5, -0.25], [1.0, 1.0]])
y = torch.tensor([1.0, 1.0, 0.0, 1.0, 0.0, 1.0])
w = torch.tensor([0.1, -0.2], requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
for step in range(30):
    p = torch.sigmoid(X @ w + b)
    loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.5 * w.grad
        b -= 0.5 * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if step % 5 == 0:
        print(step, f"{loss.item():.6f}", w.detach(), f"{b.item():.5f}")
print(loss)
print(p)
print(p > 0.5)
