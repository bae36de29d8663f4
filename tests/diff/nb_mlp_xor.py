# 2-layer MLP on XOR with nn.Sequential and Adam
import torch
import torch.nn as nn

torch.manual_seed(1)
X = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = torch.tensor([[0.], [1.], [1.], [0.]])
print("inputs:\n", X)
print("targets:", y.view(-1))

model = nn.Sequential(
    nn.Linear(2, 8),
    nn.ReLU(),
    nn.Linear(8, 1),
    nn.Sigmoid(),
)
print(model)
n_params = sum(p.numel() for p in model.parameters())
print("number of parameters:", n_params)
for name, p in model.named_parameters():
    print(name, tuple(p.shape))

loss_fn = nn.BCELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

for epoch in range(1, 201):
    optimizer.zero_grad()
    out = model(X)
    loss = loss_fn(out, y)
    loss.backward()
    optimizer.step()
    if epoch % 40 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.5f}")

with torch.no_grad():
    probs = model(X)
print("probabilities:")
print(probs)
print("rounded:", probs.round().view(-1))
print("as list:", [round(v, 3) for v in probs.view(-1).tolist()])
acc = (probs.round() == y).float().mean()
print(f"accuracy: {acc.item():.0%}")
for xi, pi in zip(X.tolist(), probs.view(-1).tolist()):
    print(f"{xi} -> {pi:.4f} -> {int(pi > 0.5)}")
first = model[0]
print("first layer weight shape:", first.weight.shape)
print("first bias:", first.bias.detach())
