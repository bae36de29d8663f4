import numpy as np
a = np.arange(10)
print(a[2:5], a[::-1], a[::2], a[-3:], a[1:-1:3], a[8:2:-2])
m = np.arange(12).reshape(3, 4)
print(m[:, 0])
print(m[1:, ::2])
print(m[0])
print(m[-1, -1])
print(repr(m[1, 2]))
print(m[:, 1:3])
print(m[::-1, ::-1])
print(m[m > 5])
print(m[[0, 2]])
print(m[[0, 2], [1, 3]])
print(a[[1, 1, 3]])
mask = a % 2 == 0
print(mask)
print(a[mask])
a2 = a.copy()
a2[mask] = 0
print(a2)
a2[1:4] = 99
print(a2)
m2 = m.copy()
m2[:, 0] = -1
print(m2)
m2[1] = np.array([7, 7, 7, 7])
print(m2)
m2[m2 > 5] = 5
print(m2)
f = np.zeros(5)
f[2] = 3.7
f[[0, 4]] = 1
print(f)
i = np.zeros(3, dtype=int)
i[0] = 2.9
print(i)
