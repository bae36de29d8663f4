# Linear regression with torch autograd and torch.optim.SGD
import torch

torch.manual_seed(42)
X = torch.randn(40, 1)
y = 2.5 * X - 1.0 + 0.1 * torch.randn(40, 1)
print(X.shape, y.shape)
print(X[:3])

w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
print("w:", w, "b:", b)
optimizer = torch.optim.SGD([w, b], lr=0.1)

losses = []
for epoch in range(50):
    y_hat = X * w + b
    loss = ((y_hat - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    if epoch % 10 == 0:
        print(f"Epoch {epoch:2d}: loss = {loss.item():.4f}, w = {w.item():.4f}, b = {b.item():.4f}")

print("loss tensor:", loss)
print("grad of w:", w.grad)
print("grad of b:", b.grad)
print(f"learned: w={w.item():.3f}, b={b.item():.3f}")
print("last 3 losses:", [round(l, 5) for l in losses[-3:]])
with torch.no_grad():
    test_x = torch.tensor([[0.0], [1.0], [2.0]])
    print("predictions:", test_x * w + b)
pred = X[:3] * w + b
print(pred)
print(pred.detach())
print(w.requires_grad, pred.requires_grad, pred.detach().requires_grad)
print("is_leaf:", w.is_leaf, pred.is_leaf)
print(f"relative improvement: {(losses[0] - losses[-1]) / losses[0]:.1%}")
