import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(42)
# XOR with an MLP: Sequential, ReLU, Sigmoid, BCELoss, Adam
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = torch.tensor([[0.], [1.], [1.], [0.]])
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid())
print(model)
print(model[0])
print(model[2].weight)
print(len(model), len(list(model.parameters())))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
print(opt)
crit = nn.BCELoss()
for epoch in range(200):
    pred = model(X)
    loss = crit(pred, Y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 20 == 0:
        print(f'epoch {epoch}: loss = {loss.item():.6f}')
print(loss)
with torch.no_grad():
    print(model(X))
    print((model(X) > 0.5).float())
print(model[0].bias.grad)
for name, p in model.named_parameters():
    print(name, p.shape)

# tanh + MSE, Adam with weight decay and amsgrad
torch.manual_seed(3)
net = nn.Sequential(nn.Linear(1, 4), nn.Tanh(), nn.Linear(4, 1))
x = torch.linspace(-1, 1, 9).reshape(-1, 1)
y = x ** 3
opt = torch.optim.Adam(net.parameters(), lr=0.01, betas=(0.8, 0.99), weight_decay=0.01, amsgrad=True)
for i in range(100):
    l = F.mse_loss(net(x), y)
    opt.zero_grad()
    l.backward()
    opt.step()
print(l)
print(net[0].weight)
print(net(x).grad_fn.name(), net(x[0]).grad_fn.name())
