import torch
from torch.utils.data import Dataset, DataLoader

class Squares(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32)
    def __len__(self):
        return len(self.x)
    def __getitem__(self, i):
        return self.x[i], self.x[i] ** 2

ds = Squares(5)
print(len(ds), ds[2])
for xb, yb in DataLoader(ds, batch_size=2):
    print(xb, yb)
print(isinstance(ds, Dataset))
