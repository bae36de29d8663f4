import torch
# powers: special-cased exponents and their gradients
x = torch.tensor([0.5, 2.0, 3.0], requires_grad=True)
for e in [2, 3, 0.5, -1, -2, 1.5, 0]:
    y = (x ** e).sum()
    y.backward()
    print(e, x ** e, x.grad)
    x.grad.zero_()
print(torch.tensor([1.1]) ** 2, torch.tensor([1.1]) * torch.tensor([1.1]))
print(torch.tensor([2, 3]) ** 2, torch.tensor([4.0]) ** torch.tensor([0.5]))
