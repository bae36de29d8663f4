# Logistic regression from scratch in NumPy with normalisation and a split
import numpy as np

np.random.seed(42)
n = 80
hours = np.random.uniform(0, 10, n)
score = np.random.uniform(40, 100, n)
logit = 0.9 * hours + 0.08 * score - 9.0
passed = (np.random.rand(n) < 1 / (1 + np.exp(-logit))).astype(np.float64)
X = np.column_stack([hours, score])
print("X shape:", X.shape, "positives:", int(passed.sum()))
print("feature means:", X.mean(axis=0))
print("feature stds:", X.std(axis=0))

split = int(0.75 * n)
X_train, X_test = X[:split], X[split:]
y_train, y_test = passed[:split], passed[split:]
mean = X_train.mean(axis=0)
std = X_train.std(axis=0)
X_train = (X_train - mean) / std
X_test = (X_test - mean) / std
print("train:", X_train.shape, "test:", X_test.shape)
print(np.round(X_train[:3], 3))

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

w = np.zeros(2)
b = 0.0
lr = 0.3
for epoch in range(101):
    z = X_train @ w + b
    p = sigmoid(z)
    loss = -np.mean(y_train * np.log(p + 1e-12) + (1 - y_train) * np.log(1 - p + 1e-12))
    grad_w = X_train.T @ (p - y_train) / len(y_train)
    grad_b = np.mean(p - y_train)
    w -= lr * grad_w
    b -= lr * grad_b
    if epoch % 25 == 0:
        acc = np.mean((p > 0.5) == y_train)
        print(f"epoch {epoch:3d} loss {loss:.4f} train acc {acc:.3f}")

print("w =", w, "b =", round(b, 4))
test_p = sigmoid(X_test @ w + b)
test_pred = (test_p > 0.5).astype(int)
print("test probabilities:", np.round(test_p[:6], 3))
print("test predictions:", test_pred)
print("true labels:     ", y_test.astype(int))
tp = int(np.sum((test_pred == 1) & (y_test == 1)))
fp = int(np.sum((test_pred == 1) & (y_test == 0)))
fn = int(np.sum((test_pred == 0) & (y_test == 1)))
tn = int(np.sum((test_pred == 0) & (y_test == 0)))
precision = tp / (tp + fp) if tp + fp > 0 else 0.0
recall = tp / (tp + fn) if tp + fn > 0 else 0.0
metrics = {"accuracy": (tp + tn) / len(y_test), "precision": precision, "recall": recall}
for k, v in metrics.items():
    print(f"{k:<10} {v:.1%}")
print(metrics)
print(sorted(metrics, key=metrics.get, reverse=True))
