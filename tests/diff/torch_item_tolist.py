import torch
# converting tensors back to Python values
x = torch.tensor([[1.5, 2.0], [0.1, 3.0]])
print(x.tolist())
print(x[1, 0].item(), x.sum().item(), type(x.sum().item()) == float)
print(torch.tensor([1, 2]).tolist(), torch.tensor(3).item(), torch.tensor(True).item())
print(torch.tensor(0.1).tolist(), torch.tensor([0.1, 0.7]).tolist())
print(float(torch.tensor(2.5)), int(torch.tensor(7.9)), float(torch.tensor([4.0])))
print(x.shape, list(x.shape), x.shape[0], x.size(), x.size(-1), len(x.shape))
print(x.dtype, x.dtype == torch.float32, torch.tensor(1).dtype == torch.int64)
print(torch.tensor(2.0, dtype=torch.float64).item() + 0.1)
print(torch.float32, torch.float64, torch.int64, torch.bool)
