# unique(return_index/return_inverse/return_counts), argsort(kind='stable'), ix_,
# nonzero as a tuple of arrays (function and method), zeros/ones with a positional dtype.
import numpy as np

u, idx, inv, cnt = np.unique(np.array([3, 1, 2, 3, 1]), return_index=True, return_inverse=True, return_counts=True)
print(u, idx, inv, cnt, u[inv])
print(np.unique(np.array([[1, 2], [2, 3]])), np.unique(np.array([2.5, 1.5, 2.5]), return_inverse=True))
print(np.unique([5, 5, 1], return_index=True), np.unique([], return_counts=True))
print(np.unique(np.array([2, 2, 2, 1, 1, 0, 0, 0, 0]), return_counts=True))
print(np.unique(np.array([True, False, True]), return_index=True))
labels = np.array([1, 0, 2, 1, 1, 0, 2, 2, 2, 2, 0, 1, 0, 0, 1, 1, 2])
vals, counts = np.unique(labels, return_counts=True)
print(vals[np.argmax(counts)], dict(zip(vals.tolist(), counts.tolist())))
print(np.argsort(np.array([3, 1, 3, 1, 2, 1]), kind='stable'), np.argsort(np.array([2., np.nan, 1., 2.]), kind='mergesort'))
print(np.sort(np.array([3, 1, 2]), kind='stable'), np.argsort(np.array([[2, 1, 2], [0, 0, 1]]), axis=1, kind='stable'))

a = np.arange(12).reshape(3, 4)
print(a[np.ix_([0, 2], [1, 3])], a[np.ix_([True, False, True], [0])], np.ix_([0, 1], [2]))

print(np.argwhere(np.array([[0, 1], [2, 0]])), np.nonzero(np.array([0, 3, 0, 4])), np.array([[0, 1], [2, 0]]).nonzero())
print(np.nonzero(np.zeros((2, 2))), np.array([0.5, 0, np.nan]).nonzero(), np.where(np.array([[1, 0], [0, 1]]) > 0))
print(np.flatnonzero(np.array([[0, 2], [3, 0]])))
b = np.array([[3, 0, 1], [0, 5, 0]])
r, c = b.nonzero()
print(r, c, b[b.nonzero()], np.transpose(np.nonzero(b)), np.count_nonzero(b), np.argwhere(b > 2))

print(np.zeros((2, 2), int), np.ones(3, float), np.zeros(2, dtype=None), np.ones((1, 2), np.int64))
print(np.zeros(3, np.float32), repr(np.ones(2, bool)))
