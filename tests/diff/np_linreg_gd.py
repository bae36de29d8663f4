import numpy as np
np.random.seed(42)
X = np.random.rand(100, 1) * 2
y = 4 + 3 * X + np.random.randn(100, 1)
Xb = np.hstack([np.ones((100, 1)), X])
theta = np.zeros((2, 1))
lr = 0.1
for epoch in range(200):
    grad = 2 / 100 * Xb.T @ (Xb @ theta - y)
    theta -= lr * grad
    if epoch % 50 == 0:
        loss = np.mean((Xb @ theta - y) ** 2)
        print(epoch, loss, f"{loss:.4f}")
print(theta)
print(theta.ravel())
w_closed = np.linalg.inv(Xb.T @ Xb) @ Xb.T @ y if False else theta
print(np.round(theta, 3))
Xn = (X - X.mean(axis=0)) / X.std(axis=0)
print(Xn[:5].T, Xn.mean(), Xn.std())
idx = np.random.permutation(100)
tr, te = idx[:80], idx[80:]
print(tr[:10], te.shape, X[tr].shape)
print(np.sort(idx[:10]), np.argsort(idx[:10]))
