# torch.optim.lr_scheduler: StepLR, ExponentialLR, MultiStepLR with the float rounding of torch
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import StepLR

torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
print(sched.get_last_lr(), sched.last_epoch)
for epoch in range(7):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr(), opt.param_groups[0]['lr'])

opt2 = torch.optim.Adam(model.parameters(), lr=0.01)
s2 = torch.optim.lr_scheduler.ExponentialLR(opt2, gamma=0.9)
print(s2.get_last_lr())
for epoch in range(5):
    opt2.step()
    s2.step()
    print(s2.get_last_lr())
print(opt2.param_groups[0]['initial_lr'], s2.base_lrs)

opt3 = torch.optim.SGD(model.parameters(), lr=1, momentum=0.9)
s3 = torch.optim.lr_scheduler.MultiStepLR(opt3, milestones=[2, 5, 5], gamma=0.5)
print(s3.get_last_lr())
for epoch in range(7):
    opt3.step()
    s3.step()
    print(epoch, s3.get_last_lr())
print(s3.last_epoch)
print(opt3)

# a training loop with a decaying learning rate
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = torch.tensor([[1.0], [2.0], [3.0]])
opt4 = torch.optim.SGD(model.parameters(), lr=0.05)
s4 = StepLR(opt4, 3)
loss_fn = nn.MSELoss()
for epoch in range(8):
    opt4.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt4.step()
    s4.step()
    print(epoch, round(loss.item(), 4), s4.get_last_lr()[0])
