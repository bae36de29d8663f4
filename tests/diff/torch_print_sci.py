import torch
# scientific notation mode
print(torch.tensor([1e-5, 1.0, 1e5]))
print(torch.tensor([1e-5, 2e-5]))
print(torch.tensor([1e8, 1.0]))
print(torch.tensor([123456789.0]))
print(torch.tensor([0.001, 0.01]))
print(torch.tensor([0.0001, 1.0]))
print(torch.tensor([1e10, 1e-10]))
print(torch.tensor(1e-8), torch.tensor(5e10))
print(torch.tensor([[1e-3, 1e3], [1.0, 2.0]]))
print(torch.tensor([1e5, 1e3]))
print(torch.tensor([99999.0, 1.5]))
