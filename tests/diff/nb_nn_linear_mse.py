# nn.Linear regression with MSELoss, weight init and a metrics dict
import torch
from torch import nn

torch.manual_seed(123)
X = torch.linspace(0, 1, 20).unsqueeze(1)
y = 4.0 * X + 0.3 + 0.05 * torch.randn(20, 1)
print("X[:4]:", X[:4].view(-1))
print("y[:4]:", y[:4].view(-1))

model = nn.Linear(1, 1)
print(model)
print("initial weight:", model.weight)
print("initial bias:", model.bias)
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)

history = {"epoch": [], "loss": []}
for epoch in range(60):
    optimizer.zero_grad()
    pred = model(X)
    loss = criterion(pred, y)
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 15 == 0:
        history["epoch"].append(epoch + 1)
        history["loss"].append(round(loss.item(), 6))
        print(f"[{epoch + 1:02d}/60] loss: {loss.item():.6f}")

print(history)
w = model.weight.item()
b = model.bias.item()
print(f"y = {w:.3f} * x + {b:.3f}")
print("state dict keys:", list(model.state_dict().keys()))
print(model.state_dict()["weight"])
with torch.no_grad():
    new_x = torch.tensor([[0.25], [0.5], [2.0]])
    out = model(new_x)
print(out)
print(out.squeeze())
print(out.shape, out.squeeze().shape, out.squeeze(1).tolist())
mae = (model(X) - y).abs().mean()
print("MAE:", mae)
print("MAE value:", f"{mae.item():.5f}")
for name, param in model.named_parameters():
    print(f"{name:>6}: grad={param.grad.item():+.5f} requires_grad={param.requires_grad}")
print(loss.grad_fn.name(), type(loss.item()).__name__)
