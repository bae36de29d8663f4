# k-means clustering in NumPy
import numpy as np

np.random.seed(7)
a = np.random.randn(15, 2) * 0.5 + np.array([0.0, 0.0])
b = np.random.randn(15, 2) * 0.5 + np.array([3.0, 3.0])
c = np.random.randn(15, 2) * 0.5 + np.array([0.0, 4.0])
data = np.concatenate([a, b, c], axis=0)
print("data shape:", data.shape)
print(data[:3])

k = 3
idx = np.array([0, 15, 30])
centroids = data[idx].copy()
print("initial centroids:\n", centroids)

for it in range(10):
    dists = np.zeros((data.shape[0], k))
    for j in range(k):
        diff = data - centroids[j]
        dists[:, j] = np.sqrt(np.sum(diff ** 2, axis=1))
    labels = np.argmin(dists, axis=1)
    new_centroids = np.zeros_like(centroids)
    for j in range(k):
        members = data[labels == j]
        new_centroids[j] = members.mean(axis=0)
    shift = np.abs(new_centroids - centroids).max()
    centroids = new_centroids
    inertia = np.sum(np.min(dists, axis=1) ** 2)
    print(f"iter {it}: inertia={inertia:.4f} shift={shift:.5f}")
    if shift < 1e-6:
        print("converged")
        break

print("final centroids:")
print(centroids)
print(np.round(centroids, 2))
print("labels:", labels)
counts = [int(np.sum(labels == j)) for j in range(k)]
print("cluster sizes:", counts)
for j, (cx, cy) in enumerate(centroids):
    print(f"cluster {j}: center=({cx:.3f}, {cy:.3f}) size={counts[j]}")
print(repr(centroids.mean(axis=0)))
print(labels.dtype, centroids.dtype)
