import numpy as np
r = np.random.default_rng(3)
print(r.choice(10, 5), r.choice([1, 2, 3], size=(2, 2)), r.choice(5))
print(r.choice(10, 5, p=[0.1] * 10), r.choice(np.array(7), 4))
print(r.choice(10, 3, replace=False), r.choice(100, 10, replace=False), r.choice(20, 20, replace=False))
print(r.choice(20, 5, replace=False, shuffle=False), r.choice(np.arange(50) * 2, 4, replace=False))
print(r.choice(20000, 5, replace=False), r.choice(20000, 500, replace=False)[:10])
print(r.choice(4, p=[0.1, 0.2, 0.3, 0.4]), r.choice(np.array([[1, 2], [3, 4], [5, 6]]), 2))
print(r.random())
