# any/all over an axis (methods and functions), keepdims; max/min over a tuple of axes;
# np.array of ragged data is refused before it can read past the data.
import numpy as np

a = np.array([[True, False], [True, True]])
print(a.all(axis=1), a.any(axis=0), a.all(1), a.all(), a.any(), repr(a.all()))
print(np.array([[1, 0], [2, 3]]).all(axis=1), np.array([[0, 0], [0, 1.5]]).any(axis=0))
print(a.all(axis=0, keepdims=True), a.any(keepdims=True), a.all(axis=-1))
print(np.all(a, axis=0), np.any(a, axis=-1), np.all(np.zeros((0, 3)), axis=0), np.any(np.zeros((2, 0)), axis=1))
print(np.array(5).all(), np.all([1, 2, 0]), np.any([0, 0.5]), np.all(np.arange(24).reshape(2, 3, 4) > 0, axis=1))
x = np.array([[1, -2, 3], [4, 5, 6]])
print((x > 0).all(axis=1), (x > 5).any(axis=1), np.any(x < 0, axis=0))
print(x[(x > 0).all(axis=1)])

b = np.arange(24).reshape(2, 3, 4)
print(np.max(b, axis=(0, 1)), b.min(axis=(2, 0)), b.max(axis=(0, 2), keepdims=True))
print(repr(b.max(axis=(0, 1, 2))), np.min(b * 1.5, axis=(1, 2)))
print(b.sum(axis=(0, 2)), b.mean(axis=(1, 2)))
print(np.array([[1, 2], [3, 4]]), np.array([np.float64(1.5), 2]), np.array([np.array(3), 4]))
print(np.array([[np.arange(2)], [np.arange(2)]]))
