import torch
# a 2-layer MLP learning XOR from fixed initial weights (full-batch gradient descent)
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1 = torch.tensor([[0.5, -0.5, 0.25, 1.0], [-0.5, 0.5, 1.0, 0.25]], requires_grad=True)
b1 = torch.tensor([0.0, 0.0, -0.5, 0.1], requires_grad=True)
W2 = torch.tensor([[1.0], [1.0], [-0.5], [0.5]], requires_grad=True)
b2 = torch.tensor([0.0], requires_grad=True)
params = [W1, b1, W2, b2]
lr = 1.0
for epoch in range(301):
    h = torch.tanh(X @ W1 + b1)
    out = torch.sigmoid(h @ W2 + b2)
    loss = ((out - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
    if epoch % 50 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")
print([round(v, 2) for v in out.flatten().tolist()])
print((out > 0.5).flatten())
