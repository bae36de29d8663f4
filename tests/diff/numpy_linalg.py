# np.linalg.inv / det / solve: LU with partial pivoting as reference LAPACK computes it,
# always in float64 (float32 in gives float32 out); det is sign * exp(sum log|u_ii|).
import numpy as np

A = np.array([[1., 2.], [3., 4.]])
print(np.linalg.inv(A))
print(np.linalg.det(A), repr(np.linalg.det(A)))
print(np.linalg.inv(A) @ A)
print(A @ np.linalg.inv(A))
B = np.array([[2, 1, 1], [1, 3, 2], [1, 0, 0]])
print(np.linalg.inv(B), np.linalg.det(B))
print(np.linalg.solve(B, np.array([4, 5, 6])))
C = np.array([[4., -2., 1.], [-2., 4., -2.], [1., -2., 4.]])
print(np.linalg.inv(C))
print(np.linalg.det(C))
print(np.linalg.solve(C, np.array([[11.], [-16.], [17.]])))
F = np.array([[1, 2], [3, 4]], dtype=np.float32)
print(np.linalg.inv(F), np.linalg.det(F), repr(np.linalg.inv(F)))
print(np.linalg.det(np.array([[1, 2], [2, 4]])), np.linalg.det(np.eye(3)))
print(np.linalg.det(np.array([[0., 1.], [1., 0.]])))
print(np.linalg.inv(np.array([[1, 2], [3, 5]], dtype=np.float32)))

for seed in range(6):
    np.random.seed(seed)
    n = 2 + seed % 5
    R = np.random.randn(n, n)
    print(np.linalg.det(R))
    print(np.linalg.inv(R))
    print(np.linalg.solve(R, np.random.rand(n)))
    M = np.random.randint(-5, 6, size=(n, n))
    print(np.linalg.det(M))

# normal equations for linear regression, as a course would write them
np.random.seed(1)
X = np.column_stack([np.ones(20), np.random.rand(20)])
y = 3 + 2 * X[:, 1] + np.random.randn(20) * 0.1
theta = np.linalg.inv(X.T @ X) @ X.T @ y
print(theta)
print(np.linalg.solve(X.T @ X, X.T @ y))
print(np.linalg.norm(X @ theta - y))
