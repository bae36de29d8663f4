# Polynomial feature regression with the normal equations
import numpy as np

np.random.seed(1)
x = np.linspace(-1, 1, 25)
y_true = 0.5 - 1.2 * x + 2.0 * x ** 3
y = y_true + np.random.normal(0, 0.1, size=x.shape)
print("x[:5] =", x[:5])
print("y[:5] =", np.round(y[:5], 3))

def features(x, degree):
    cols = [x ** d for d in range(degree + 1)]
    return np.stack(cols, axis=1)

for degree in [1, 2, 3, 5]:
    Phi = features(x, degree)
    A = Phi.T @ Phi
    rhs = Phi.T @ y
    theta = np.linalg.solve(A, rhs)
    pred = Phi @ theta
    mse = np.mean((pred - y) ** 2)
    print(f"degree {degree}: mse = {mse:.5f}")
    print("  theta:", np.round(theta, 3))

Phi = features(x, 3)
print("design matrix shape:", Phi.shape)
print(Phi[:3])
theta = np.linalg.inv(Phi.T @ Phi) @ Phi.T @ y
print("theta via inv:", theta)
theta2 = np.linalg.solve(Phi.T @ Phi, Phi.T @ y)
print("solve agrees:", np.allclose(theta, theta2))
x_new = np.array([-0.5, 0.0, 0.5])
print("predictions at", x_new, "->", features(x_new, 3) @ theta)
print(f"max error vs truth: {np.max(np.abs(Phi @ theta - y_true)):.4f}")
train_x, test_x = x[::2], x[1::2]
train_y, test_y = y[::2], y[1::2]
print(len(train_x), len(test_x))
for degree in range(1, 6):
    th = np.linalg.solve(features(train_x, degree).T @ features(train_x, degree), features(train_x, degree).T @ train_y)
    tr = np.mean((features(train_x, degree) @ th - train_y) ** 2)
    te = np.mean((features(test_x, degree) @ th - test_y) ** 2)
    print(f"deg={degree} train={tr:.4f} test={te:.4f} gap={te - tr:+.4f}")
