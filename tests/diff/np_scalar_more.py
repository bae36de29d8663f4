import numpy as np
# more NumPy scalar arithmetic and printing
f = np.float32(0.1)
print(f * 3, f + f + f, f / 3, repr(f * 3))
print(np.float32(1) / np.float32(3), np.float32(2) ** 0.5, np.float32(16.0) ** 0.5)
a = np.array([0.1, 0.2, 0.3], dtype=np.float32)
s = a.sum()
print(s, s * 10, s + 0.1, 0.1 + s, s * a)
print(a[0] + a[1], a[0] * 2.0, a[2] / a[0])
print(f"{s} {s:.10f} {a[1]!r} {a.mean():e}")
n = np.array([3, 4]).sum()
print(n, n * 1.5, n / 2, n // 2, n + 1)
print(np.array([0.5, 1.5]).mean() * 2, np.float64(1e16), np.float64(0.1) * 3)
print(float(s), float(a[0]), a.tolist(), s.item())
