import torch
# exp, log, sqrt, abs
x = torch.tensor([0.5, 1.0, 2.0, 4.0])
print(torch.exp(x))
print(x.exp())
print(torch.log(x), x.log())
print(torch.sqrt(x), x.sqrt())
print(torch.abs(torch.tensor([-1.5, 0.0, 2.0])), torch.tensor([-3, 4]).abs())
print(torch.log(torch.tensor([0.0, -1.0])))
print(torch.exp(torch.tensor([100.0, -100.0])))
print(torch.sqrt(torch.tensor(2.0)), torch.exp(torch.tensor(1.0)))
print(torch.exp(torch.tensor([1.0, 2.0], dtype=torch.float64)))
