import torch
torch.manual_seed(3)
for n in [1, 3, 7, 8, 9, 17, 100, 1000]:
    x = torch.randn(n)
    print(n, x.norm().item(), torch.norm(x).item(), x.norm(p=1).item())
x = torch.randn(5, 13)
print(x.norm(dim=1), x.norm(dim=0), x.norm(dim=1, keepdim=True).shape)
x = torch.randn(33, dtype=torch.float64)
print(x.norm().item())
w = torch.randn(3, requires_grad=True)
n = w.norm()
print(n.item())
n.backward()
print(w.grad)
