import torch
# column widths and precision choices
print(torch.tensor([1.23456789, 1000.5]))
print(torch.tensor([-1.0, 10.0, -100.0]))
print(torch.tensor([0.00012, 0.5]))
print(torch.tensor([1.0, 2.0, 3.0]) / 3)
print(torch.tensor([[1, -1000], [25, 3]]))
print(torch.tensor([12345678.0, 1.0]))
print(torch.tensor([0.5, 99999.5]))
print(torch.arange(30.0) / 7)
print(torch.arange(40))
print(torch.tensor([[0.1, -0.25], [1000.0, 2.5]], dtype=torch.float64))
print(torch.tensor([True, False] * 20))
