import torch
from torch.utils.data import TensorDataset, DataLoader, SubsetRandomSampler, RandomSampler, SequentialSampler
torch.manual_seed(0)
X = torch.arange(24.).reshape(12, 2)
y = torch.arange(12)
ds = TensorDataset(X, y)
idx = list(range(12))
train_idx, val_idx = idx[:9], idx[9:]
train_loader = DataLoader(ds, batch_size=4, sampler=SubsetRandomSampler(train_idx))
val_loader = DataLoader(ds, batch_size=4, sampler=SubsetRandomSampler(val_idx))
print(len(train_loader), len(val_loader))
for epoch in range(2):
    print([yb.tolist() for _, yb in train_loader], [yb.tolist() for _, yb in val_loader])
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=5, sampler=RandomSampler(ds))])
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=5, sampler=RandomSampler(ds, replacement=True, num_samples=40))])
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=5, sampler=SequentialSampler(ds))])
print(list(RandomSampler(range(6))), list(SubsetRandomSampler([10, 20, 30])), len(RandomSampler(range(5), num_samples=7)))
print([yb.tolist() for _, yb in DataLoader(ds, batch_size=5, sampler=RandomSampler(ds, generator=torch.Generator().manual_seed(3)))])
print(torch.rand(2))
