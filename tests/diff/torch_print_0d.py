import torch
# 0-d tensors of each dtype
a = torch.tensor(3.5)
print(a)
print(torch.tensor(0.1), torch.tensor(2.0), torch.tensor(-0.0))
print(torch.tensor(7), torch.tensor(True), torch.tensor(1e-7), torch.tensor(123456.0))
print(a.dim(), a.shape, a.numel(), a.dtype, a.item())
print(torch.tensor(0.3, requires_grad=True))
print(torch.tensor(2.5, dtype=torch.float64))
print(repr(torch.tensor(1.0)), str(torch.tensor(1.0)))
b = torch.tensor(1.0) / 3
print(b, b.item(), float(b), int(torch.tensor(2.9)))
print(f"{b:.4f} {torch.tensor(2.5):.1f} {torch.tensor(1234.5):10.2f}|")
