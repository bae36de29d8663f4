# np.random.RandomState(seed): its own legacy MT19937 stream, independent of np.random.seed's.
import numpy as np

rs = np.random.RandomState(42)
np.random.seed(1)
print(rs.rand(3), rs.randn(2), rs.randint(0, 10, 3), np.random.rand())
print(rs.normal(size=3), rs.uniform(-1, 1, size=2))
print(rs.choice(5, 3, replace=False), rs.permutation(5), rs.choice([1, 2, 3]))
a = np.arange(6)
rs.shuffle(a)
print(a, rs.random_sample(2), rs.standard_normal(), np.random.rand())
print(rs.binomial(1, 0.5, 4), rs.poisson(2, 3), rs.exponential(1.5, 2), rs.random())
rs2 = np.random.RandomState(42)
print(rs2.rand(3), rs.rand())
rs.seed(0)
print(rs.rand(2), np.random.RandomState(0).rand(2), np.random.RandomState(seed=7).randn())
print(rs.randint(0, 10, size=(2, 3)))

# a data split as a course would write it
rng = np.random.RandomState(0)
X = rng.randn(10, 2)
idx = rng.permutation(len(X))
print(idx, X[idx[:3]])
w = rng.normal(0, 0.01, size=(2, 1))
print(w, np.random.randn(2))
