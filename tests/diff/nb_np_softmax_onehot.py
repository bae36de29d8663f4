# Softmax regression in NumPy with one-hot labels (3 classes)
import numpy as np

np.random.seed(3)
n_per = 10
means = np.array([[0, 0], [3, 0], [0, 3]], dtype=float)
X = np.vstack([np.random.randn(n_per, 2) + m for m in means])
y = np.repeat(np.arange(3), n_per)
print(X.shape, y.shape, y.dtype)
print("labels:", y)
Y = np.eye(3)[y]
print("one-hot first rows:\n", Y[[0, 10, 20]])

def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)

print(softmax(np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])))
W = np.zeros((2, 3))
b = np.zeros(3)
lr = 0.5
for it in range(50):
    P = softmax(X @ W + b)
    loss = -np.sum(Y * np.log(P)) / len(X)
    dZ = (P - Y) / len(X)
    W -= lr * X.T @ dZ
    b -= lr * dZ.sum(axis=0)
    if it % 10 == 0 or it == 49:
        acc = (P.argmax(axis=1) == y).mean()
        print(f"it {it:2d}: loss={loss:.4f} acc={acc:.2f}")

print("W:\n", W.round(3))
print("b:", b.round(3))
P = softmax(X @ W + b)
pred = np.argmax(P, axis=1)
print("pred:", pred)
print("wrong indices:", np.where(pred != y)[0])
vals, counts = np.unique(pred, return_counts=True)
print(dict(zip(vals.tolist(), counts.tolist())))
print("confidence (first 5):", P.max(axis=1)[:5])
order = np.argsort(-P[:, 0])[:5]
print("most class-0-like points:", order, P[order, 0].round(4))
print(f"average max prob: {P.max(axis=1).mean():.4f}")
print(np.percentile(P.max(axis=1), [25, 50, 75]))
