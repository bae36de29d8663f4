import torch
torch.manual_seed(0)
X = torch.randn(6, 3)
y = torch.tensor([0, 1, 2, 1, 0, 2])
W1 = torch.randn(3, 4, requires_grad=True)
b1 = torch.zeros(4, requires_grad=True)
W2 = torch.randn(4, 3, requires_grad=True)
b2 = torch.zeros(3, requires_grad=True)
for step in range(30):
    h = torch.relu(X @ W1 + b1)
    logits = h @ W2 + b2
    e = torch.exp(logits - logits.max(dim=1, keepdim=True)[0])
    probs = e / e.sum(dim=1, keepdim=True)
    loss = -torch.log(probs[range(6), y]).mean()
    loss.backward()
    with torch.no_grad():
        for p in [W1, b1, W2, b2]:
            p -= 0.1 * p.grad
            p.grad.zero_()
    if step % 10 == 0:
        print(step, loss.item())
print(probs)
print(probs.argmax(dim=1))
print(logits.grad_fn.name(), probs.grad_fn.name(), loss.grad_fn.name())
W1.grad = None
lp = torch.log_softmax(torch.relu(X @ W1 + b1) @ W2 + b2, dim=1)
nll = -lp[range(6), y].mean()
nll.backward()
print(nll, W1.grad)
