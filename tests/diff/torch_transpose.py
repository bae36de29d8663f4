import torch
# transpose and T
A = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(A.T)
print(A.t(), A.transpose(0, 1))
print(A.T.shape, A.t() @ A)
t = torch.arange(6).reshape(1, 2, 3)
print(t.transpose(0, 2))
print(t.transpose(1, 2).shape)
