import numpy as np
a = np.array([1, 2, 3])
b = np.array([0.5, 1.5, 2.5])
print(a + b, a - b, a * b, a / b)
print(a / 2, a // 2, a % 2, a ** 2, 2 ** a)
print(a * 2.5, -a, +a)
print(a + 1, 1 - a, 10 / a)
print(b // 1, b % 1)
m = np.arange(6).reshape(2, 3)
print(m + np.array([10, 20, 30]))
print(m + np.array([[100], [200]]))
print(m * m)
c = np.array([1.0, 2.0])
c += 1
print(c)
c *= 2
print(c)
c /= 4
print(c)
d = np.array([1, 2, 3])
d += 2
print(d)
d *= 3
print(d)
x = np.array([1, 2]) 
x -= 1
print(x)
print(a == 2, a != 2, a < 2, a >= 2)
print(a == b)
print((a > 1) & (a < 3), (a > 2) | (a < 2), ~(a > 1))
print(np.array([1, 2]) ** -1.0)
print(np.array([2.0]) ** 0.5)
print(a @ a)
print(repr(a @ a))
