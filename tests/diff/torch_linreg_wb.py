import torch
# linear regression y = w*x + b with autograd
X = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
Y = torch.tensor([3.0, 5.0, 7.0, 9.0, 11.0])
w = torch.tensor(0.0, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)
lr = 0.02
for epoch in range(50):
    pred = w * X + b
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    if epoch % 10 == 0:
        print(f"epoch {epoch}: w={w.item():.4f} b={b.item():.4f} loss={loss.item():.6f}")
print(w, b)
print(loss)
