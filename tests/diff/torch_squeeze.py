import torch
# squeeze and unsqueeze
x = torch.tensor([1.0, 2.0, 3.0])
print(x.unsqueeze(0), x.unsqueeze(0).shape)
print(x.unsqueeze(1), x.unsqueeze(1).shape)
print(x.unsqueeze(-1).shape)
y = torch.zeros(1, 3, 1)
print(y.squeeze().shape, y.squeeze(0).shape, y.squeeze(2).shape, y.squeeze(1).shape)
print(torch.tensor([[7.0]]).squeeze(), torch.unsqueeze(x, 0), torch.squeeze(y))
