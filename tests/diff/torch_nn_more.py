import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Flatten(), nn.Linear(6, 4), nn.LeakyReLU(), nn.Linear(4, 1))
print(model)
print(nn.Flatten(0), nn.LeakyReLU(0.2), nn.LeakyReLU(negative_slope=0.1, inplace=True), nn.BCEWithLogitsLoss(), nn.Dropout())
x = torch.randn(5, 2, 3)
print(nn.Flatten()(x).shape, nn.Flatten(0)(x).shape, nn.Flatten(1, 2)(torch.zeros(2, 3, 4, 5)).shape)
out = model(x)
print(out)

# binary cross entropy on logits: the stable form, its gradient, the reductions
target = torch.tensor([[1.], [0.], [1.], [1.], [0.]])
loss_fn = nn.BCEWithLogitsLoss()
loss = loss_fn(out, target)
print(loss)
loss.backward()
print(model[1].weight.grad)
print(model[3].bias.grad)
z = torch.tensor([[1., -2., 3.], [0.5, 0.1, -1.]], requires_grad=True)
t = torch.tensor([[1., 0., 1.], [0., 0., 1.]])
l = F.binary_cross_entropy_with_logits(z, t)
print(l)
l.backward()
print(z.grad)
print(nn.BCEWithLogitsLoss(reduction='none')(z, t))
print(nn.BCEWithLogitsLoss(reduction='sum')(z, t))
print(F.binary_cross_entropy_with_logits(torch.tensor([100., -100.]), torch.tensor([0., 1.])))
print(torch.allclose(F.binary_cross_entropy_with_logits(z, t), F.binary_cross_entropy(torch.sigmoid(z), t)))

# leaky_relu
v = torch.tensor([[1., -2., 3.], [0.5, 0.1, -1.]], requires_grad=True)
y = F.leaky_relu(v, 0.1)
print(y, F.leaky_relu(v), nn.LeakyReLU(0.3)(v))
y.sum().backward()
print(v.grad)

# one_hot
print(F.one_hot(torch.tensor([0, 2, 1]), 3))
print(F.one_hot(torch.tensor([0, 2])))
print(F.one_hot(torch.tensor([[1, 0], [2, 1]]), num_classes=4))
print(F.one_hot(torch.tensor([3, 1])).float())

# a small training loop with BCEWithLogitsLoss and SGD
torch.manual_seed(1)
X = torch.randn(8, 2)
Y = (X[:, 0] + X[:, 1] > 0).float().unsqueeze(1)
net = nn.Sequential(nn.Linear(2, 4), nn.LeakyReLU(0.05), nn.Linear(4, 1))
opt = torch.optim.SGD(net.parameters(), lr=0.5)
for epoch in range(20):
    opt.zero_grad()
    loss = nn.BCEWithLogitsLoss()(net(X), Y)
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(epoch, round(loss.item(), 4))
pred = (torch.sigmoid(net(X)) > 0.5).float()
print(pred.squeeze(), (pred == Y).float().mean())
