# Manual mini-batch loop with randperm, normalisation and train/test split
import torch

torch.manual_seed(0)
N = 64
X = torch.rand(N, 3) * torch.tensor([10.0, 1.0, 100.0])
true_w = torch.tensor([[0.5], [-2.0], [0.03]])
y = X @ true_w + 1.0 + 0.05 * torch.randn(N, 1)
print("raw feature means:", X.mean(dim=0))
print("raw feature stds: ", X.std(dim=0))

n_train = 48
X_train, X_test = X[:n_train], X[n_train:]
y_train, y_test = y[:n_train], y[n_train:]
mu = X_train.mean(dim=0, keepdim=True)
sigma = X_train.std(dim=0, keepdim=True)
X_train = (X_train - mu) / sigma
X_test = (X_test - mu) / sigma
print("normalized train mean:", X_train.mean(dim=0))
print("normalized train std: ", X_train.std(dim=0))
print("train/test:", X_train.shape, X_test.shape)

W = torch.zeros(3, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.1
batch_size = 16
for epoch in range(5):
    perm = torch.randperm(n_train)
    total = 0.0
    for start in range(0, n_train, batch_size):
        idx = perm[start:start + batch_size]
        xb, yb = X_train[idx], y_train[idx]
        loss = ((xb @ W + b - yb) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            b -= lr * b.grad
        W.grad.zero_()
        b.grad.zero_()
        total += loss.item() * len(idx)
    print(f"epoch {epoch + 1}: train loss {total / n_train:.4f}, first idx {perm[:4].tolist()}")

with torch.no_grad():
    test_loss = ((X_test @ W + b - y_test) ** 2).mean()
print(f"test loss: {test_loss:.4f}")
print("W:", W.view(-1))
print("b:", b)
print("W in original units:", (W.view(-1) / sigma.view(-1)))
print(perm)
