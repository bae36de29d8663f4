import torch
import torch.nn as nn
torch.manual_seed(1)

class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.acts = nn.ModuleDict({'relu': nn.ReLU(), 'tanh': nn.Tanh()})
    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = self.acts['tanh'](x)
        return x

m = MLP([2, 3, 3, 1])
print(m)
print([n for n, _ in m.named_parameters()])
print(m(torch.ones(4, 2)).shape, len(m.layers), m.layers[-1], 'relu' in m.acts, list(m.acts.keys()))

def init_weights(mod):
    if isinstance(mod, nn.Linear):
        nn.init.constant_(mod.weight, 0.5)
        nn.init.zeros_(mod.bias)
m.apply(init_weights)
print(m(torch.ones(1, 2)))
print(isinstance(m.layers[0], nn.Linear), isinstance(m, nn.Linear), isinstance(nn.ReLU(), (nn.Tanh, nn.ReLU)))
seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
seq.apply(init_weights)
print(seq[0].weight)
