# Logistic regression on a tiny synthetic dataset
import torch

torch.manual_seed(0)
n = 30
x0 = torch.randn(n, 2) + torch.tensor([-1.5, -1.5])
x1 = torch.randn(n, 2) + torch.tensor([1.5, 1.5])
X = torch.cat([x0, x1], dim=0)
y = torch.cat([torch.zeros(n), torch.ones(n)])
print("X:", X.shape, X.dtype)
print("y:", y.shape, y[:5], y[-5:])

w = torch.zeros(2, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.5

def sigmoid(z):
    return 1 / (1 + torch.exp(-z))

def bce(p, t):
    eps = 1e-7
    return -(t * torch.log(p + eps) + (1 - t) * torch.log(1 - p + eps)).mean()

for epoch in range(41):
    z = X @ w + b
    p = sigmoid(z)
    loss = bce(p, y)
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    if epoch % 10 == 0:
        preds = (p > 0.5).float()
        acc = (preds == y).float().mean().item()
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}  acc {acc:.1%}")

print("weights:", w)
print("bias:", b)
with torch.no_grad():
    probs = torch.sigmoid(X @ w + b)
print("first probs:", probs[:4])
print("last probs:", probs[-4:])
labels = (probs >= 0.5).long()
print(labels[:10])
correct = (labels == y.long()).sum().item()
print(f"correct: {correct}/{len(y)}")
print("builtin bce:", torch.nn.functional.binary_cross_entropy(probs, y))
print(f"{loss=}")
