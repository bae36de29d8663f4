import numpy as np
# seeded NumPy random numbers
np.random.seed(0)
print(np.random.rand(3))
print(np.random.randn(2, 2))
np.random.seed(1)
a = np.random.rand(2)
np.random.seed(1)
b = np.random.rand(2)
print(a.tolist() == b.tolist(), a)
