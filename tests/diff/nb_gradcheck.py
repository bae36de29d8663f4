# Gradient checking: finite differences vs autograd
import torch

torch.manual_seed(5)

def f(x, w):
    h = torch.relu(x @ w) + 0.1 * (x @ w) ** 3
    return (h ** 2).sum() + 0.5 * (w ** 2).sum()

x = torch.randn(4, 3, dtype=torch.float64)
w = torch.randn(3, 2, dtype=torch.float64, requires_grad=True)
print("x dtype:", x.dtype, "w shape:", w.shape)

loss = f(x, w)
loss.backward()
print("loss:", loss)
print("autograd grad:")
print(w.grad)

eps = 1e-6
num_grad = torch.zeros_like(w)
with torch.no_grad():
    for i in range(w.shape[0]):
        for j in range(w.shape[1]):
            old = w[i, j].item()
            w[i, j] = old + eps
            fp = f(x, w).item()
            w[i, j] = old - eps
            fm = f(x, w).item()
            w[i, j] = old
            num_grad[i, j] = (fp - fm) / (2 * eps)
print("numerical grad:")
print(num_grad)
diff = (num_grad - w.grad).abs().max().item()
print(f"max abs difference: {diff:.2e}")
print("close:", torch.allclose(num_grad, w.grad, atol=1e-6))
rel = (num_grad - w.grad).norm() / (num_grad.norm() + w.grad.norm())
print(f"relative error: {rel.item():.3e}")
print("passes check:", rel.item() < 1e-7)

# scalar example with float32
a = torch.tensor(2.0, requires_grad=True)
g = a ** 3 - 4 * a
g.backward()
print("d/da (a^3 - 4a) at 2:", a.grad, g.grad_fn.name())
h = 1e-3
numeric = ((2.0 + h) ** 3 - 4 * (2.0 + h) - ((2.0 - h) ** 3 - 4 * (2.0 - h))) / (2 * h)
print(f"numeric: {numeric:.6f}  analytic: {a.grad.item():.6f}")
results = {"matrix": diff < 1e-6, "scalar": abs(numeric - a.grad.item()) < 1e-3}
for k, v in results.items():
    print(f"{k:>8}: {'OK' if v else 'FAIL'}")
