import torch
# the notebook's autograd cells: f = w * x, MSE loss, 20 then 100 iterations
X = torch.tensor([1, 2, 3, 4], dtype=torch.float32)
Y = torch.tensor([2, 4, 6, 8], dtype=torch.float32)
w = torch.tensor(0.0, dtype=torch.float32, requires_grad=True)
def forward(x):
    return w * x
def loss(y, y_pred):
    return ((y_pred - y)**2).mean()
print(f'Prediction before training: f(5) = {forward(5).item():.3f}')
learning_rate = 0.01
for n_iters, every in [(20, 2), (100, 10)]:
    for epoch in range(n_iters):
        y_pred = forward(X)
        l = loss(Y, y_pred)
        l.backward()
        with torch.no_grad():
            w -= learning_rate * w.grad
        w.grad.zero_()
        if epoch % every == 0:
            print(f'epoch {epoch+1}: w = {w.item():.3f}, loss = {l.item():.8f}')
    print(f'Prediction after training: f(5) = {forward(5).item():.3f}')
print(w, l)
print(w.item(), l.item())
