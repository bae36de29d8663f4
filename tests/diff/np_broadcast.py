import numpy as np
# broadcasting
m = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
r = np.array([10.0, 20.0, 30.0])
c = np.array([[1.0], [-1.0]])
print(m + r)
print(m * c)
print(c + r)
print(m - m.mean())
print(np.arange(3).reshape(3, 1) * np.arange(4))
