import numpy as np
import torch
# the same data in NumPy and torch
xs = [1.0, 2.0, 3.0]
a = np.array(xs, dtype=np.float32)
t = torch.tensor(xs)
print(a, t)
print(a * 0.1, t * 0.1)
print((a * 0.1).sum(), (t * 0.1).sum())
print(np.exp(a), torch.exp(t))
print(np.dot(a, a), torch.dot(t, t))
print(a.mean(), t.mean())
print(a.tolist(), t.tolist())
