import torch
# 1-d float tensors: column width and precision
print(torch.tensor([1.0, 2.0, 3.0, 4.0]))
print(torch.tensor([1.5, 2.25, -3.125]))
print(torch.tensor([0.1, 0.2, 0.3]))
print(torch.tensor([100.0, 2.5, -0.001]))
print(torch.tensor([1, 2, 3], dtype=torch.float32))
print(torch.tensor([123.456, 7890.1]))
print(torch.tensor([-1.0, 0.0, 1.0]))
print(torch.tensor([]))
print(torch.tensor([2.0]))
print(torch.tensor([1.0, 2.0], dtype=torch.float64))
print(torch.tensor([0.5, 0.25], dtype=torch.float64, requires_grad=True))
print(torch.tensor([1.0/3, 2.0/3]))
