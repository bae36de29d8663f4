import torch
# linear regression with two features, weight vector and bias; elementwise model
x1 = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
x2 = torch.tensor([0.5, -1.0, 2.0, 0.0, 1.5, -0.5])
y = 2.0 * x1 - 3.0 * x2 + 1.0
w1 = torch.tensor(0.0, requires_grad=True)
w2 = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.03
losses = []
for epoch in range(200):
    pred = w1 * x1 + w2 * x2 + b
    loss = ((pred - y) ** 2).mean()
    losses.append(loss.item())
    loss.backward()
    with torch.no_grad():
        for p in [w1, w2, b]:
            p -= lr * p.grad
            p.grad.zero_()
    if epoch % 40 == 0:
        print(f"{epoch:4d} loss={loss.item():10.5f} w1={w1.item():.4f} w2={w2.item():.4f} b={b.item():.4f}")
print(f"final: {w1.item():.3f} {w2.item():.3f} {b.item():.3f}")
print(f"loss went from {losses[0]:.3f} to {losses[-1]:.6f}")
