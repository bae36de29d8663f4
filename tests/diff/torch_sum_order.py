import torch
# float32 sums: the digits depend on the order torch's kernel adds in
for n in [3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 100, 257, 1000]:
    x = torch.arange(n, dtype=torch.float32) * 0.1 + 0.01
    print(n, x.sum().item(), x.mean().item())
m = (torch.arange(60.0) * 0.37).reshape(6, 10)
print(m.sum(dim=0).tolist())
print(m.sum(dim=1).tolist())
print(m.mean(dim=1).tolist())
print(((torch.arange(50.0) * 0.01 - 0.2) ** 2).mean().item())
