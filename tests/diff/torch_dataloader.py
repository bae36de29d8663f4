import torch
from torch.utils.data import TensorDataset, DataLoader
import torch.utils.data as data
X = torch.arange(20.).reshape(10, 2)
y = torch.arange(10)
ds = TensorDataset(X, y)
print(len(ds), ds[3], ds[2:4])
loader = DataLoader(ds, batch_size=4, shuffle=False)
print(len(loader))
for xb, yb in loader:
    print(xb, yb)
print(next(iter(loader)))
torch.manual_seed(5); print(torch.randn(2))
torch.manual_seed(0)
loader = DataLoader(ds, batch_size=3, shuffle=True)
for epoch in range(2):
    for i, (xb, yb) in enumerate(loader):
        print(epoch, i, yb)
print(torch.rand(2))
loader = DataLoader(ds, batch_size=4, shuffle=True, drop_last=True)
print(len(loader), [yb.tolist() for _, yb in loader])
g = torch.Generator().manual_seed(42)
tr, te = data.random_split(ds, [7, 3], generator=g)
print(len(tr), len(te), tr.indices, te.indices, tr[0])
a, b, c = data.random_split(range(10), [0.5, 0.3, 0.2])
print(list(a), list(b), list(c))
torch.manual_seed(5); print(torch.randn(2))
l2 = DataLoader(list(zip([1.0, 2.0, 3.0], [1, 2, 3])), batch_size=2)
print(list(l2))
l3 = DataLoader([{'a': 1, 'b': torch.ones(2)}, {'a': 2, 'b': torch.zeros(2)}], batch_size=2)
print(list(l3))
l4 = DataLoader(ds, batch_size=None)
print(next(iter(l4)))
print(DataLoader(range(5), batch_size=2, shuffle=True, generator=torch.Generator().manual_seed(1)) and [b for b in DataLoader(range(5), batch_size=2, shuffle=True, generator=torch.Generator().manual_seed(1))])
import numpy as np
l5 = DataLoader(np.arange(6.).reshape(3, 2), batch_size=2)
print(list(l5))
print(loader.batch_size, loader.drop_last, loader.dataset is ds)
print(torch.randn(3))
