import torch

# rounding: values, integer tensors keep their dtype, zero gradients
x = torch.tensor([0.5, 1.5, 2.5, -0.5, -1.7, 2.2], requires_grad=True)
print(torch.round(x), x.floor(), x.ceil(), torch.trunc(x), x.sign())
print(torch.round(torch.tensor([1.2345, -2.3456, 0.125]), decimals=2), torch.round(torch.tensor([1234.5, 15.]), decimals=-1))
print(torch.round(torch.tensor([1, 2])), torch.sign(torch.tensor([-2, 0, 3])), torch.floor(torch.tensor([7])))
r = x.round()
print(r)
(r * x).sum().backward()
print(x.grad)
probs = torch.sigmoid(torch.tensor([-1.2, 0.3, 2.0, -0.1]))
labels = torch.tensor([0., 1., 1., 1.])
print(probs.round(), (probs.round() == labels).float().mean())

# more elementwise math and their gradients
y = torch.tensor([0.25, 0.5, 2., 4.], requires_grad=True)
print(torch.log10(y), torch.log2(y), y.log1p(), torch.expm1(y), torch.exp2(y), y.reciprocal(), torch.rsqrt(y), torch.square(y))
for f in [torch.log10, torch.log2, torch.log1p, torch.expm1, torch.exp2, torch.reciprocal, torch.rsqrt, torch.square]:
    y.grad = None
    out = f(y)
    out.sum().backward()
    print(out.grad_fn.name(), y.grad)
print(torch.reciprocal(torch.tensor([2, 4])), torch.log2(torch.tensor([8])), torch.square(torch.tensor([3, -2])))

# division with rounding modes, remainders
a = torch.tensor([7, -7, 5, -5])
b = torch.tensor([2, 2, -3, -3])
print(a / b, a // b, a % b)
print(torch.div(a, b), torch.div(a, b, rounding_mode='floor'), torch.div(a, b, rounding_mode='trunc'))
print(torch.remainder(a, b), torch.fmod(a, b), torch.floor_divide(a, b), a.fmod(3), a.remainder(-3))
af = a.float()
print(af // b, af % b, torch.fmod(af, 2.5), af.div(4, rounding_mode='trunc'), af.div(4, rounding_mode='floor'))
print(torch.tensor([5.5, -5.5]).fmod(2), torch.tensor(7) // 2, torch.tensor(-7.) % 3)

# isclose and allclose
p = torch.tensor([1., 2., 3.])
q = torch.tensor([1., 2.0000001, 3.1])
print(torch.isclose(p, q), torch.allclose(p, q), torch.allclose(p, q, atol=0.2), p.allclose(p + 1e-7), p.isclose(q, rtol=0.05))
print(torch.isclose(torch.tensor([float('nan'), 1.]), torch.tensor([float('nan'), 1.])), torch.isclose(torch.tensor([float('nan')]), torch.tensor([float('nan')]), equal_nan=True))
print(torch.equal(p, p.clone()), torch.equal(p, q))
