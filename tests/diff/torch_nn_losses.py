import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)
# 3-class classification: CrossEntropyLoss with int64 targets
X = torch.randn(30, 4)
y = torch.argmax(X[:, :3], dim=1)
print(y)
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
crit = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(50):
    logits = model(X)
    loss = crit(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, loss)
print(loss.grad_fn.name())
with torch.no_grad():
    logits = model(X)
    pred = logits.argmax(dim=1)
    print('accuracy', (pred == y).float().mean().item())
    print(F.softmax(logits[:3], dim=1))
print(F.cross_entropy(logits, y), F.cross_entropy(logits, y, reduction='sum'))
print(F.cross_entropy(logits, y, reduction='none'))
print(F.nll_loss(F.log_softmax(logits, dim=1), y))
print(nn.CrossEntropyLoss()(logits[0], y[0]))

z = torch.tensor([[1., 2., 3.], [1., -1., 0.]], requires_grad=True)
t = torch.tensor([2, 0])
l = F.cross_entropy(z, t)
l.backward()
print(l, z.grad)
z.grad = None
l = F.cross_entropy(z, t, reduction='none')
l.sum().backward()
print(l, z.grad)

# L1 and BCE details
a = torch.tensor([0.2, 0.7, 0.9, 0.0, 1.0], requires_grad=True)
b = torch.tensor([0., 1., 1., 1., 0.])
for red in ['mean', 'sum', 'none']:
    l1 = nn.L1Loss(reduction=red)(a, b)
    bce = nn.BCELoss(reduction=red)(a, b)
    mse = nn.MSELoss(reduction=red)(a, b)
    print(red, l1, bce, mse)
bce = F.binary_cross_entropy(a, b)
bce.backward()
print(a.grad)
a.grad.zero_()
F.l1_loss(a, b).backward()
print(a.grad)
a.grad.zero_()
F.mse_loss(b, a).backward()
print(a.grad)
print(F.relu(torch.tensor([-1., 0., 2.])), F.softmax(torch.tensor([1., 2., 3.]), dim=0), F.log_softmax(torch.tensor([1., 2., 3.]), dim=-1))
print(nn.Softmax(dim=1)(z), nn.Softmax(dim=1))
