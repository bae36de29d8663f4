import numpy as np
# creation: arange, linspace, zeros, ones
print(np.arange(5), np.arange(1, 4, 0.5), np.arange(2.0))
print(np.linspace(0, 1, 5), np.linspace(-1, 1, 3))
print(np.zeros(3), np.ones(2), np.zeros(3, dtype=np.int64))
print(np.zeros((2, 2)), np.ones((1, 3), dtype=np.float32))
print(repr(np.arange(3)), repr(np.linspace(0, 2, 3)))
print(np.array([1, 2.5]), np.array([[1], [2]]).shape, np.array(3.5))
a = np.arange(6).reshape(2, 3)
print(a, a.shape)
print(a.reshape(3, 2).tolist(), a.flatten())
