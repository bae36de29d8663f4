import torch
# large, small, inf and nan values
print(torch.tensor([1e38, -1e38]))
print(torch.tensor([float("inf"), 1.0, float("-inf")]))
print(torch.tensor([float("nan"), 2.5]))
print(torch.tensor([1e-40, 1.0]))
print(torch.tensor([3e38]) * 10)
print(torch.tensor([1.0, 2.0]) / 0)
print(torch.tensor([0.0]) / 0)
print(torch.tensor([1e20, 1e-20], dtype=torch.float64))
print(torch.tensor([0.1, 0.2], dtype=torch.float64) + torch.tensor([0.2, 0.1], dtype=torch.float64))
print(torch.tensor(3.4e38).item())
