import torch
a = torch.zeros(2, 3)
a.fill_(7)
print(a)
a.zero_()
print(a)
b = torch.ones(2, 3)
a.copy_(b * 3)
print(a)
a.add_(1).mul_(2)
print(a)
a.sub_(1)
a.div_(2)
print(a)
c = a.clone()
c[0, 0] = 99
print(a, c)
a.clamp_(min=3) if False else None
print(a.clamp(min=3.0), a.clamp(max=3.0), a.clamp(2, 3))
a.pow_(2) if False else None
print(torch.clamp(a, min=0, max=3))
