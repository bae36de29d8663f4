import numpy as np
np.random.seed(0)
N = 200
X = np.random.randn(N, 2)
y = (X[:, 0] + X[:, 1] > 0).astype(int)
print(y[:20], y.sum(), y.dtype)
def sigmoid(z):
    return 1 / (1 + np.exp(-z))
w = np.zeros(2)
b = 0.0
for it in range(100):
    z = X @ w + b
    p = sigmoid(z)
    loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
    dw = X.T @ (p - y) / N
    db = np.sum(p - y) / N
    w -= 0.5 * dw
    b -= 0.5 * db
    if it % 25 == 0:
        print(it, round(loss, 5), w, b)
pred = (sigmoid(X @ w + b) > 0.5).astype(int)
acc = np.mean(pred == y)
print("accuracy:", acc, f"{acc:.2%}", type(acc))
print(np.unique(pred, return_counts=True))
print(np.unique(np.array([3, 1, 2, 3, 1])))
labels = np.array([0, 2, 1, 2])
onehot = np.eye(3)[labels]
print(onehot)
logits = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
e = np.exp(logits - logits.max(axis=1, keepdims=True))
sm = e / np.sum(e, axis=1, keepdims=True)
print(sm, sm.sum(axis=1))
print(np.argmax(sm, axis=1), -np.log(sm[np.arange(2), np.array([2, 0])]))
