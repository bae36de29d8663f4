# Linear regression by hand with NumPy
import numpy as np

np.random.seed(0)
n = 50
X = np.random.rand(n)
noise = np.random.randn(n) * 0.1
y = 3.0 * X + 2.0 + noise
print("X shape:", X.shape, "y shape:", y.shape)
print("first 5 X:", X[:5])
print(f"mean of y: {y.mean():.4f}, std of y: {y.std():.4f}")

w = 0.0
b = 0.0
lr = 0.5
history = []
for epoch in range(60):
    y_pred = w * X + b
    err = y_pred - y
    loss = np.mean(err ** 2)
    dw = 2 * np.mean(err * X)
    db = 2 * np.mean(err)
    w = w - lr * dw
    b = b - lr * db
    history.append(loss)
    if epoch % 10 == 0:
        print(f"epoch {epoch:3d} | loss {loss:.6f} | w {w:.4f} | b {b:.4f}")

print("final w, b:", round(w, 3), round(b, 3))
print("type of loss:", type(history[-1]))
print("loss decreased:", history[0] > history[-1])
print(f"final loss = {history[-1]:.3e}")
preds = w * X[:4] + b
print("predictions:", preds)
print("targets:    ", y[:4])
for i, (p, t) in enumerate(zip(preds, y[:4])):
    print(f"  sample {i}: pred={p:.3f} target={t:.3f} diff={abs(p - t):.3f}")
residuals = y - (w * X + b)
print("residual mean:", np.round(residuals.mean(), 4))
print("max abs residual:", np.abs(residuals).max())
r2 = 1 - np.sum(residuals ** 2) / np.sum((y - y.mean()) ** 2)
print(f"R^2 = {r2:.4f}")
metrics = {"w": round(float(w), 4), "b": round(float(b), 4), "r2": round(float(r2), 4)}
print(metrics)
