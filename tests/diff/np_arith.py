import numpy as np
# elementwise arithmetic
x = np.array([1.0, 2.0, 3.0, 4.0])
y = np.array([0.5, 0.5, 2.0, -1.0])
print(x + y, x - y, x * y, x / y)
print(x ** 2, 2 ** x, -x, x // 1.5, x % 1.5)
print(x * 0.1, 1 - x, x / 3)
x32 = np.array([1, 2, 3], dtype=np.float32)
print(x32 * 0.1, repr(x32 * 0.1), (x32 * 0.1).dtype)
print(repr(x32 + np.array([1.0, 1.0, 1.0])))
print(repr(np.array([1, 2]) * 1.5))
print(x > 2, x == y)
