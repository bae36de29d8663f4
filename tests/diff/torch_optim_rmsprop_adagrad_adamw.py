import torch
torch.manual_seed(0)
X = torch.randn(37, 3)
y = X @ torch.tensor([1.5, -2.0, 0.5]) + 0.3
def run(make, steps=60):
    torch.manual_seed(1)
    model = torch.nn.Linear(3, 1)
    opt = make(model.parameters())
    for t in range(steps):
        loss = ((model(X).squeeze(1) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if t % 20 == 19:
            print(t, loss.item())
    print(model.weight, model.bias)
run(lambda p: torch.optim.RMSprop(p))
run(lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9))
run(lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True, weight_decay=0.1))
run(lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True, momentum=0.5, alpha=0.9))
run(lambda p: torch.optim.Adagrad(p, lr=0.1))
run(lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1))
run(lambda p: torch.optim.AdamW(p, lr=0.05))
run(lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1, amsgrad=True))
w = torch.zeros(2, requires_grad=True)
for o in [torch.optim.RMSprop([w]), torch.optim.Adagrad([w]), torch.optim.AdamW([w])]:
    print(o)
    print(list(o.param_groups[0].keys()))
    print(type(o).__name__)
