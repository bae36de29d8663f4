import torch
from torch import nn
torch.manual_seed(0)
net = nn.Sequential(nn.Flatten(), nn.Linear(12, 8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 3))
def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)
        nn.init.zeros_(m.bias)
net.apply(init_weights)
print(net)
print(sum(p.numel() for p in net.parameters()))
for name, param in net.named_parameters():
    print(name, param.shape)
X = torch.rand(2, 3, 4)
print(net(X))
net.eval()
print(net(X))
print(net[1].weight.data[0, :4], net[1].bias)
print(*[(name, param.shape) for name, param in net[1].named_parameters()])
print(net.state_dict()['1.bias'])
print(isinstance(net[1], nn.Linear), type(net[2]).__name__)
