import torch
# matrix products
A = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
B = torch.tensor([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]])
v = torch.tensor([1.0, -1.0])
print(A @ B)
print(torch.matmul(A, B))
print(A.mm(B), torch.mm(B, A))
print(A @ v, torch.matmul(A, v))
print(torch.dot(v, v), torch.dot(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])))
# one factor of each product is a power of two: exact products, so the sum order alone decides
print(torch.tensor([0.5, 0.25, 2.0]).dot(torch.tensor([0.1, 0.2, 0.3])).item())
print(torch.tensor([[1, 2], [3, 4]]) @ torch.tensor([[5, 6], [7, 8]]))
print(v @ B)
