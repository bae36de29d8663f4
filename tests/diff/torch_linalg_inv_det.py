# torch.inverse / torch.linalg.inv / det: LAPACK's LU (float32 digits as torch), grad_fn names, grads
import torch

A = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)
i = torch.inverse(A)
print(i)
print(torch.linalg.inv(A), A.inverse(), torch.det(A), A.det(), torch.linalg.det(A))
i.sum().backward()
print(A.grad)
A.grad = None
torch.det(A).backward()
print(A.grad)
print(torch.det(torch.tensor([[1., 2.], [2., 4.]])))
print(torch.det(torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64)))

torch.manual_seed(0)
for n in range(2, 7):
    M = torch.randn(n, n)
    inv = torch.inverse(M)
    print(n, inv.tolist()[0], torch.det(M).item())
    print(inv @ M)

B = torch.tensor([[4., -2., 1.], [3., 6., -4.], [2., 1., 8.]], requires_grad=True)
print(torch.linalg.inv(B))
d = torch.det(B)
print(d)
d.backward()
print(B.grad)
B.grad = None
(torch.inverse(B) * torch.arange(9.).reshape(3, 3)).sum().backward()
print(B.grad)
S = torch.tensor([[1., 2., 3.], [2., 4., 6.], [1., 0., 1.]])
ds = torch.det(S)
print(ds)
x = torch.tensor([[1.0, 2.0], [3.0, 5.0]], dtype=torch.float64)
print(torch.inverse(x), torch.det(x))
