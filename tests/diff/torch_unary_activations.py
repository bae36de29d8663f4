import torch
# sigmoid, relu, clamp
x = torch.tensor([-3.0, -0.5, 0.0, 0.5, 3.0])
print(torch.sigmoid(x))
print(x.sigmoid())
print(torch.relu(x), x.relu())
print(torch.clamp(x, -1, 1))
print(x.clamp(min=0))
print(x.clamp(max=0.25))
print(torch.clamp(x, min=-0.5, max=2.0))
print(torch.sigmoid(torch.tensor([-100.0, 100.0])))
print(torch.relu(torch.tensor([[-1, 2], [3, -4]])))
