# The seed notebook's autograd training step, N times (N from argv). Valid ag and Python.
import sys
import torch
n = int(sys.argv[1])
X = torch.tensor([1, 2, 3, 4], dtype=torch.float32)
Y = torch.tensor([2, 4, 6, 8], dtype=torch.float32)
w = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)
learning_rate = 0.01
for epoch in range(n):
    y_pred = w * X
    l = ((y_pred - Y)**2).mean()
    l.backward()
    with torch.no_grad():
        w -= learning_rate * w.grad
    w.grad.zero_()
print(f'w = {w.item():.3f}')
