import torch
A=torch.arange(20.).reshape(5,4)
print(torch.linalg.norm(A, ord=1), torch.linalg.norm(A, float('inf')), torch.linalg.norm(A,'fro'), torch.linalg.norm(A, dim=1), torch.linalg.vector_norm(A, ord=1))
print(torch.linalg.norm(A[0], ord=float('inf')))
print(torch.linalg.norm(A, ord=-1), torch.linalg.norm(A, ord=1, dim=(1, 0)), torch.linalg.norm(A, ord=float('inf'), keepdim=True))
print(torch.linalg.norm(A, dim=0, keepdim=True))
