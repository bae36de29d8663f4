import numpy as np
# dot, sum, mean
a = np.array([1.0, 2.0, 3.0])
b = np.array([4.0, 5.0, 6.0])
print(np.dot(a, b), a.dot(b), np.sum(a), a.sum(), np.mean(a), a.mean())
m = np.array([[1.0, 2.0], [3.0, 4.0]])
print(m.sum(axis=0), m.sum(axis=1), m.mean(axis=0), np.sum(m), np.mean(m))
print(np.dot(m, m))
print(np.dot(m, a[:2]))
x32 = np.array([0.1, 0.2, 0.3, 0.4, 0.5], dtype=np.float32)
print(x32.sum(), x32.mean(), np.dot(x32, x32))
print(repr(x32.sum()), repr(np.dot(x32, x32)))
print(np.array([1, 2, 3]).sum(), np.array([1, 2, 3]).mean())
print(a.max(), a.min(), m.max())
