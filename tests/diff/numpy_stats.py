# np.average (weights, returned), nansum/nanmean/nanmax/nanmin, cov/corrcoef,
# histogram, bincount, unravel_index / ravel_multi_index.
import numpy as np

print(np.average(np.array([1, 2, 3]), weights=[3, 1, 1]), np.average(np.array([1., 2, 3])))
print(np.average(np.arange(6).reshape(2, 3), axis=1, weights=[1, 2, 3]))
print(np.average([1, 2], returned=True), repr(np.average(np.array([1, 2, 4]), weights=[0.1, 0.2, 0.3])))
grades = np.array([[90, 80, 70], [60, 85, 95]])
print(np.average(grades, axis=0), np.average(grades, axis=1, weights=[0.5, 0.3, 0.2]))

v = np.array([1.0, np.nan, 3.0])
print(np.nanmean(v), np.nansum(v), np.nanmax(v), np.nanmin(v), np.mean(v))
m = np.array([[1.0, np.nan], [3, 4]])
print(np.nanmean(m, axis=1), np.nansum(m, axis=0), np.nanmin(np.array([[1.0, np.nan], [np.nan, -2]]), axis=0))
print(np.nanmean(np.array([1, 2, 4])), np.nanmax(np.array([3, 1])), np.nansum(np.array([0.1] * 10 + [np.nan])))

print(np.cov(np.array([1., 2, 3, 4]), np.array([2., 4, 5, 9])))
print(np.corrcoef(np.array([1., 2, 3, 4]), np.array([2., 4, 5, 9])))
print(np.cov(np.array([[1, 2, 3], [2, 1, 0.5], [3, 3, 3.3]])))
print(np.cov([1, 2, 3, 4]), np.cov(np.arange(6).reshape(3, 2), rowvar=False))
np.random.seed(0)
x = np.random.randn(50)
y = 2 * x + np.random.randn(50)
print(np.corrcoef(x, y))
print(np.corrcoef(x, y)[0, 1], np.cov(x, y, bias=True))
print(np.corrcoef(np.vstack([x, y, x * y])))

print(np.histogram(np.array([1, 2, 2, 3, 3, 3]), bins=3))
print(np.histogram(x, bins=5))
print(np.histogram(x, bins=[-3, -1, 0, 1, 3]))
print(np.histogram(x, bins=4, range=(-1, 1)))
print(np.histogram(np.array([1.5, 2.5, 2.5]), density=True))
print(np.histogram(np.array([5, 5, 5]), bins=2))
counts, edges = np.histogram(np.random.rand(1000), bins=10)
print(counts, counts.sum(), edges)

print(np.bincount(np.array([0, 1, 1, 3])), np.bincount([2, 2], minlength=5))
print(np.bincount([0, 1, 1], weights=[0.5, 0.25, 1]))
labels = np.array([2, 0, 1, 2, 2])
print(np.bincount(labels).argmax(), np.bincount(labels) / len(labels))

print(np.unravel_index(2, (2, 2)), np.unravel_index(np.array([1, 5, 7]), (2, 4)))
a = np.array([[3, 9, 2], [8, 1, 7]])
r, c = np.unravel_index(a.argmax(), a.shape)
print(r, c, a[r, c], np.ravel_multi_index((1, 2), (2, 3)))
