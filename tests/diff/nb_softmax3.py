# Softmax classifier with cross_entropy on 3 classes
import torch
import torch.nn.functional as F

torch.manual_seed(3)
centers = torch.tensor([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
xs = []
ys = []
for c in range(3):
    pts = torch.randn(20, 2) * 0.7 + centers[c]
    xs.append(pts)
    ys.append(torch.full((20,), c, dtype=torch.long))
X = torch.cat(xs)
y = torch.cat(ys)
print(X.shape, y.shape, y.dtype)
print("class counts:", [(y == c).sum().item() for c in range(3)])

W = torch.zeros(2, 3, requires_grad=True)
b = torch.zeros(3, requires_grad=True)
opt = torch.optim.SGD([W, b], lr=0.2)

for step in range(31):
    logits = X @ W + b
    loss = F.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 5 == 0:
        pred = logits.argmax(dim=1)
        acc = (pred == y).float().mean().item()
        print(f"step {step:2d} loss={loss.item():.4f} acc={acc:.2%}")

print("W =", W)
print("b =", b)
with torch.no_grad():
    logits = X @ W + b
    probs = F.softmax(logits, dim=1)
print("probs for first 3 points:")
print(probs[:3])
print("row sums:", probs[:3].sum(dim=1))
pred = probs.argmax(dim=1)
print("predictions:", pred[::7])
conf = torch.zeros(3, 3, dtype=torch.long)
for t, p in zip(y.tolist(), pred.tolist()):
    conf[t, p] += 1
print("confusion matrix:")
print(conf)
maxp, idx = probs.max(dim=1)
print("mean confidence:", round(maxp.mean().item(), 4))
print(probs.max(dim=1)[0][:4])
metrics = {"loss": round(loss.item(), 4), "acc": (pred == y).float().mean().item()}
print(metrics)
