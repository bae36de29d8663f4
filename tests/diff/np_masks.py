import numpy as np
# boolean masks built with & | ^ ~, and bitwise ops on integer arrays
x = np.array([-2.0, -0.5, 0.0, 1.0, 2.5, 3.0, 4.0])
m = (x > 0) & (x < 3)
print(m, m.dtype)
print(x[m])
print(x[(x < -1) | (x >= 3)])
print(x[~(x == 0)])
print(x[(x > 0) ^ (x > 2)])
y = np.array([0, 1, 2, 1, 2, 0])
mask = (y == 1) | (y == 2)
print(mask, mask.sum(), mask.mean())
print(y[mask], y[~mask])
print(~mask, ~~mask)
print(mask & True, mask | False, mask ^ True)
print(mask & 1, 1 | mask, mask ^ 2)
print(np.where((x > 0) & (x != 1.0), x, 0.0))
# integer arrays
a = np.array([12, 10, -7, 0, 255])
b = np.array([10, 6, 3, 1, 15])
print(a & b, a | b, a ^ b, ~a)
print(a & 1, 3 | a, a ^ -1)
print(a << 2, a >> 1, 1 << np.array([0, 1, 2, 10]), b >> np.array([1, 2, 0, 1, 3]))
print(np.array([-8, 8]) >> 2, np.array([1]) << 62, np.array([5, -5]) >> 64, np.array([3]) << 64)
print(np.array([True, False]) << 1, np.array([1, 2]) << True)
print(np.array([6, 5]) & [3, 1], [1, 0] | np.array([2, 2]))
# broadcasting
r = np.arange(4).reshape(4, 1)
c = np.arange(3)
print((r > 1) & (c < 2))
print(r ^ c)
print((r % 2 == 0) | (c == 1))
# numpy scalars
s = a[0]
print(s & 5, s | 1, s << 2, ~s, (s & 5).dtype)
f = mask[1]
print(f & True, f ^ f, ~f, (~f).dtype)
# augmented assignment writes in place
keep = np.array([True, False, False, True])
alias = keep
keep |= np.array([False, True, False, False])
print(keep, alias is keep)
keep &= np.array([True, True, False, False])
print(alias)
keep ^= True
print(alias)
n = np.array([1, 2, 3])
n <<= 3
n >>= 1
n ^= 5
n &= 14
n |= 1
print(n)
print(((x > 0) | (x < -1)).sum(), ((x > 0) & (x < 0)).any())
