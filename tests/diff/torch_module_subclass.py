import torch
import torch.nn as nn
torch.manual_seed(0)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 4)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))

class Empty(nn.Module):
    def forward(self, x):
        return x

model = Net()
print(model)
print(Empty())
for name, p in model.named_parameters():
    print(name, p.shape)
print(len(list(model.parameters())))
x = torch.tensor([[1.0, 2.0], [3.0, -1.0]])
y = torch.tensor([[1.0], [0.0]])
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for epoch in range(5):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    print(epoch, loss.item())
print(model(x))
print(model.training, model.eval().training, model.fc1.training if hasattr(model.fc1, 'training') else None)
model.train()
print(model.training)
sd = model.state_dict()
print(list(sd.keys()))
print(isinstance(model, nn.Module), isinstance(model.fc1, nn.Module), isinstance(3, nn.Module))
print([type(c).__name__ for c in model.children()])

class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.lin = nn.Linear(n, n)
        self.scale = nn.Parameter(torch.ones(n))
    def forward(self, x):
        return self.lin(x) * self.scale

seq = nn.Sequential(Block(2), nn.Tanh(), Block(2))
print(seq)
print([n for n, _ in seq.named_parameters()])
print(seq(x))

class Deep(nn.Module):
    def __init__(self):
        super(Deep, self).__init__()
        self.w = nn.Parameter(torch.zeros(3))
        self.body = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), Block(3))
        self.head = Block(3)
    def forward(self, x):
        return self.head(self.body(x + self.w))
d = Deep()
print(d)
print([n for n, _ in d.named_parameters()])
print(d(torch.ones(2, 3)).shape)
d.zero_grad()
print(type(model))
