import numpy as np
# long arrays wrap at 75 characters; precision and padding
print(np.arange(30.0) / 7)
print(np.arange(40))
print(repr(np.arange(25.0) / 3))
print(repr(np.arange(20, dtype=np.float32) * 1.5))
print(np.array([[0.1, 22.5, -3.0], [1e3, 0.0, 7.25]]))
print(np.array([-1.5, 2.0], dtype=np.float32), np.array([1e-3, 1e3]))
print(np.array([True, False] * 20))
