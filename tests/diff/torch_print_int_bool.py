import torch
# int64 and bool tensors
a = torch.tensor([1, -20, 300])
print(a, a.dtype)
print(torch.tensor([True, False, True]), torch.tensor([True]).dtype)
print(a > 0, a == 300, a != 1)
b = torch.tensor([0.5, 1.5, 2.5])
print(b >= 1.5, b < 1, (b > 1).dtype)
print(torch.tensor([10**12, 1]))
print(torch.tensor([[-1, 0], [5, 12345]]))
print(a.tolist(), (a > 0).tolist(), a.sum(), (a > 0).sum())
print(torch.tensor([1, 2, 3], dtype=torch.int64) * 2, torch.tensor([7, -7]) // 2, torch.tensor([7, -7]) % 3)
