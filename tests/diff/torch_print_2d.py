import torch
# 2-d layout: rows aligned, commas and newlines
m = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(m)
print(torch.tensor([[1.5, -2.0], [300.25, 0.0]]))
print(torch.tensor([[1, 2], [30, -4]]))
print(torch.tensor([[True, False], [False, True]]))
print(torch.tensor([[0.1234567, 10.0], [2.0, 3.0]]))
print(torch.zeros(2, 0))
print(torch.tensor([[1.0, 2.0]], requires_grad=True))
print(m.shape, m.size(), m.size(0), m.size(1), m.dim(), m.numel(), len(m))
