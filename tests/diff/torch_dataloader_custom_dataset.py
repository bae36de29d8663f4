import torch
from torch.utils.data import DataLoader, Dataset
class MyDS(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32).reshape(n, 1)
        self.y = torch.arange(n) % 2
    def __len__(self):
        return len(self.x)
    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]
ds = MyDS(7)
torch.manual_seed(0)
for xb, yb in DataLoader(ds, batch_size=3, shuffle=True):
    print(xb.flatten(), yb)
