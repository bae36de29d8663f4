# MLP regression on a sine curve with Tanh, Adam
import math
import torch
import torch.nn as nn

torch.manual_seed(7)
x = torch.linspace(-math.pi, math.pi, 32).view(-1, 1)
y = torch.sin(x) + 0.05 * torch.randn_like(x)
print("x range:", x.min().item(), x.max().item())
print("y stats:", f"{y.mean().item():.4f}", f"{y.std().item():.4f}")

model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 1))
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()

train_losses = []
for epoch in range(150):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    train_losses.append(loss.item())
    if epoch % 25 == 0:
        lr = opt.param_groups[0]["lr"]
        print(f"epoch {epoch:3d} loss {loss.item():.5f} lr {lr}")

print(f"best loss {min(train_losses):.5f} at epoch {train_losses.index(min(train_losses))}")
model.eval()
with torch.no_grad():
    test_x = torch.tensor([[-2.0], [-1.0], [0.0], [1.0], [2.0]])
    test_y = model(test_x)
for xv, yv in zip(test_x.view(-1).tolist(), test_y.view(-1).tolist()):
    print(f"sin({xv:+.1f}) = {math.sin(xv):+.4f}   model: {yv:+.4f}")
print(test_y.T)
errs = (test_y - torch.sin(test_x)).abs()
print("max error:", errs.max())
print("weights of last layer:", model[-1].weight.shape, model[-1].bias)
total = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"trainable params: {total:,}")
