# linalg.norm's vector and matrix orders, eye(k=), repeat with counts, moveaxis,
# broadcast_to, a.view(), a.flatten(order), polyval, convolve, trapz, cross, seterr.
import numpy as np

A = np.array([[1., -2], [3, 4]])
v = np.array([3, -4, 0, 1.5])
print(np.linalg.norm(A), np.linalg.norm(A, 'fro'), np.linalg.norm(A, 1), np.linalg.norm(A, np.inf))
print(np.linalg.norm(A, -1), np.linalg.norm(A, -np.inf))
print(np.linalg.norm(v), np.linalg.norm(v, 1), np.linalg.norm(v, np.inf), np.linalg.norm(v, -np.inf))
print(np.linalg.norm(v, 0), np.linalg.norm(v, 3), np.linalg.norm(v, 2))
print(np.linalg.norm(A, axis=0), np.linalg.norm(A, axis=1, keepdims=True), np.linalg.norm(A, ord=1, axis=1))
print(np.linalg.norm(A, keepdims=True), np.linalg.norm([3, 4]), np.linalg.norm(np.arange(24).reshape(2, 3, 4), axis=(1, 2)))
print(repr(np.linalg.norm(np.array([1, 2], dtype=np.float32))))
print(np.linalg.norm(np.arange(24).reshape(2, 3, 4), ord=1, axis=(0, 2)))
print(np.linalg.norm(np.arange(6).reshape(2, 3), axis=(1, 0), ord=np.inf))

print(np.eye(3, k=1), np.eye(2, 3), np.eye(3, k=-1, dtype=int), np.eye(2, dtype=bool))
print(np.repeat(np.array([[1, 2], [3, 4]]), 2, axis=0), np.repeat([1, 2], [2, 3]))
print(np.repeat(np.array([[1, 2], [3, 4]]), [1, 2], axis=1))
a = np.arange(24).reshape(2, 3, 4)
print(np.moveaxis(a, 0, -1).shape, np.moveaxis(a, -1, 0).shape, np.moveaxis(a, 0, 1)[1, 0])
print(np.broadcast_to(np.arange(3), (2, 3)), np.broadcast_to(5, 3), np.broadcast_to(np.array([[1], [2]]), (2, 2)))

b = np.array([1, 2, 3])
c = b.view()
c[0] = 10
print(b, c, b.view().shape, np.arange(6).reshape(2, 3).view())
m = np.arange(6).reshape(2, 3)
print(m.flatten(), m.flatten('F'), m.flatten(order='C'), m.T.flatten(), m.T.flatten('F'))
print(np.array(5).flatten(), m[:, 1:].flatten('F'))
f = m.flatten()
f[0] = 99
print(m[0, 0])

print(np.polyval([2, 1], 3), np.polyval(np.array([1, 0, -1]), np.array([0, 1, 2])), repr(np.polyval([2, 1], 3)))
print(np.polyval([0.5, -1.25, 3], np.linspace(0, 1, 4)))
print(np.convolve([1, 2, 3], [0, 1, 0.5]), np.convolve([1, 2, 3], [1, 1]), np.convolve([1, 1], [1, 2, 3], 'same'))
print(np.convolve(np.arange(5.), np.ones(3) / 3, mode='valid'), np.convolve([1, 2, 3, 4], [1, 0, -1], 'same'))
np.random.seed(0)
noisy = np.sin(np.linspace(0, 3, 20)) + np.random.randn(20) * 0.1
print(np.convolve(noisy, np.ones(5) / 5, mode='valid'))
print(np.trapz([1, 2, 3]), np.trapz([1, 2, 3], x=[0, 2, 4]), np.trapz(np.array([[1, 2], [3, 4]]), axis=0))
print(np.trapz([1., 4, 9], dx=0.5))
x = np.linspace(0, np.pi, 50)
print(np.trapz(np.sin(x), x))
print(np.cross([1, 0, 0], [0, 1, 0]), np.cross(np.array([1., 2, 3]), np.array([4., 5, 6])), np.cross([1, 2], [3, 4]))
print(np.cross(np.eye(3), np.ones(3)))
print(np.seterr(all='ignore'), np.geterr(), np.seterr(divide='warn'))
