import torch

# manual_seed returns the default generator
g = torch.manual_seed(0)
print(g is not None, g.initial_seed(), torch.initial_seed())
print(torch.randperm(5), torch.randperm(10), torch.randperm(1))

# torch.normal: numbers and a size, or tensors of means and standard deviations
torch.manual_seed(0)
print(torch.normal(0.0, 1.0, size=(2, 3)))
print(torch.normal(2.0, 3.0, (20,)))
print(torch.normal(5., 0.5, size=(4,), dtype=torch.float64))
print(torch.normal(torch.zeros(3), torch.ones(3)))
print(torch.normal(torch.tensor([0., 10., 100.]), 0.1))
print(torch.normal(mean=torch.arange(1., 6.), std=torch.arange(1, 0, -0.2)))
g.manual_seed(3)
print(torch.rand(2))

# dropout: the same mask as torch's in training, the identity in eval mode
torch.manual_seed(0)
x = torch.randn(4, 5, requires_grad=True)
d = torch.nn.Dropout(0.25)
print(d)
y = d(x)
print(y)
y.sum().backward()
print(x.grad)
d.eval()
print(d(x) is x, d.training)
print(torch.nn.functional.dropout(torch.ones(3, 3), 0.5))
print(torch.nn.functional.dropout(torch.ones(2), training=False))
print(torch.nn.functional.dropout(torch.ones(20), p=0.1))
model = torch.nn.Sequential(torch.nn.Linear(5, 3), torch.nn.Dropout(p=0.5), torch.nn.ReLU())
print(model)
print(model(x))
model.eval()
print(model(x))
