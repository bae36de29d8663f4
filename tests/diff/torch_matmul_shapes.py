import torch
# bigger integer-valued matmuls (exact products) and shapes
A = torch.arange(48.0).reshape(6, 8) - 20
B = (torch.arange(40.0).reshape(8, 5) % 7) - 3
C = A @ B
print(C)
print(C.shape, C.sum(), C.mean(dim=0))
print(A[0] @ B, B.T @ A[1])
print(torch.ones(3, 4) @ torch.ones(4) * 0.5)
print(torch.arange(6).reshape(2, 3) @ torch.arange(6).reshape(3, 2))
print((A.T @ A)[0])
