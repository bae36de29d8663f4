# Legacy RandomState streams (np.random.seed): standard_normal, exponential (-log(1 - U)),
# poisson (multiplication method, lam < 10), binomial (inversion, n * p <= 30).
import numpy as np

np.random.seed(42)
print(np.random.standard_normal(3), np.random.standard_normal())
print(np.random.standard_normal((2, 2)))
print(np.random.exponential(2.0, 3), np.random.exponential())
print(np.random.exponential(size=(2, 2)), np.random.rand())

np.random.seed(0)
print(np.random.binomial(10, 0.5, 5), np.random.binomial(1, 0.3, 10))
print(np.random.binomial(1, 0.5), np.random.binomial(20, 0.9, (2, 3)))
print(np.random.binomial(100, 0.1, 4), np.random.binomial(5, 1.0, 2), np.random.binomial(0, 0.5, 2))
print(np.random.binomial(5, 0.0, 2), np.random.rand())

np.random.seed(0)
print(np.random.poisson(3, 5), np.random.poisson(0.5, (2, 3)), np.random.poisson())
print(np.random.poisson(9.5, 3), np.random.poisson(0, 2), np.random.rand())

np.random.seed(1)
mask = np.random.binomial(1, 0.8, size=(3, 4))
print(mask, mask.dtype, mask.mean())
coins = np.random.binomial(1, 0.5, 1000)
print(coins.sum(), coins[:20])
arrivals = np.random.poisson(4, 1000)
print(arrivals.mean(), np.bincount(arrivals))
