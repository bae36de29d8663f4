import numpy as np
# indexing, slicing and in-place updates
a = np.arange(10.0)
print(a[2], a[-1], a[2:5], a[::3], a[::-1])
a[0] = 100
a[1:3] = -1
print(a)
m = np.arange(12).reshape(3, 4)
print(m[1], m[:, 2], m[1:, ::2], m[2, 3])
m[0] = 0
print(m)
print(len(m), m.shape[1])
for row in m:
    print(row, row.sum())
