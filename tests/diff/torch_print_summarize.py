import torch
# large tensors are summarised with ...
print(torch.arange(2000.))
print(torch.arange(1001))
print(torch.arange(1000))
print(torch.arange(3000.0).reshape(1000, 3))
print(torch.ones(40, 40))
