# model.state_dict() / load_state_dict(): OrderedDict printing, keys, items, copying back
import torch
import torch.nn as nn
from collections import OrderedDict

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
sd = model.state_dict()
print(sd)
print(sd.keys())
print(list(sd.keys()))
for k, v in sd.items():
    print(k, v.shape, v.requires_grad)
print(len(sd))
print(sd['0.bias'])
print(type(sd).__name__)
print('0.weight' in sd, 'weight' in sd)
print(sd.values())

m2 = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
print(m2.load_state_dict(sd))
print(m2[0].weight)
x = torch.tensor([[1.0, 2.0, 3.0]])
print(model(x), m2(x))

lin = nn.Linear(2, 2)
print(lin.state_dict())
r = lin.load_state_dict(lin.state_dict())
print(repr(r))
print(r.missing_keys, r.unexpected_keys)
print(lin.load_state_dict({'weight': torch.zeros(2, 2), 'foo': torch.ones(1)}, strict=False))
print(lin.weight)

# the state dict shares storage with the parameters: an optimizer step shows through
opt = torch.optim.SGD(lin.parameters(), lr=0.5)
sd2 = lin.state_dict()
lin(torch.ones(1, 2)).sum().backward()
opt.step()
print(sd2['bias'], sd2['weight'])

saved = {k: v.clone() for k, v in model.state_dict().items()}
with torch.no_grad():
    model[0].weight.fill_(1.0)
model.load_state_dict(saved)
print(model[0].weight)

print(OrderedDict(), OrderedDict([('a', 1), ('b', 2)]))
od = OrderedDict()
od['x'] = 1
print(od, od.items(), dict(od))
