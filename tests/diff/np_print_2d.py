import numpy as np
# 2-d arrays
m = np.array([[1.0, 2.5], [-3.0, 4.0]])
print(m)
print(repr(m))
i = np.array([[1, 2, 3], [40, 50, 60]])
print(i)
print(repr(i))
f = np.array([[1, 2], [3, 4]], dtype=np.float32)
print(f, repr(f))
print(m.shape, i.shape, m.T)
print(np.zeros((2, 3)), np.ones((2, 2), dtype=np.int64))
print(i[1], i[0, 2], i[:, 1], i[1, 1:])
