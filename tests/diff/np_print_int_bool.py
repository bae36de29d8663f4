import numpy as np
# int64 and bool arrays
a = np.array([1, 2, 3])
print(a, repr(a), a.dtype)
print(np.array([-10, 200, 3]), repr(np.array([-10, 200, 3])))
m = a > 1
print(m, repr(m), m.dtype)
print(np.array([True, False]), a == 2)
print(a * 2, a // 2, a % 2, a / 2)
print(np.array([1, 2], dtype=np.int64) + 0.5)
print(a.sum(), a.mean())
