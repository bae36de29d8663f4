import torch
# seeded random numbers are reproducible
torch.manual_seed(0)
print(torch.rand(3))
print(torch.randn(2, 3))
torch.manual_seed(42)
a = torch.randn(4)
torch.manual_seed(42)
b = torch.randn(4)
print(a, a.tolist() == b.tolist())
