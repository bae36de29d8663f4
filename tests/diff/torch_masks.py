import torch
# boolean masks built with & | ^ ~, and bitwise ops on integer tensors
x = torch.tensor([-2.0, -0.5, 0.0, 1.0, 2.5, 3.0, 4.0])
m = (x > 0) & (x < 3)
print(m, m.dtype)
print(x[m])
print(x[(x < -1) | (x >= 3)])
print(x[~(x == 0)])
print(x[(x > 0) ^ (x > 2)])
y = torch.tensor([0, 1, 2, 1, 2, 0])
mask = (y == 1) | (y == 2)
print(mask, mask.sum(), mask.sum().item())
print(y[mask], y[~mask])
print(~mask, ~~mask)
print(mask & True, mask | False, mask ^ True)
print(mask & 1, 1 | mask, mask ^ 2)
print(mask.float().mean())
# integer tensors
a = torch.tensor([12, 10, -7, 0, 255])
b = torch.tensor([10, 6, 3, 1, 15])
print(a & b, a | b, a ^ b, ~a)
print(a & 1, 3 | a, a ^ -1)
print(a << 2, a >> 1, 1 << torch.tensor([0, 1, 2, 10]), b >> torch.tensor([1, 2, 0, 1, 3]))
print(torch.tensor([-8, 8]) >> 2, torch.tensor([1]) << 62)
print(torch.tensor([True, False]) << 1, torch.tensor([1, 2]) << True)
# broadcasting
r = torch.arange(4).reshape(4, 1)
c = torch.arange(3)
print((r > 1) & (c < 2))
print(r ^ c)
print((r % 2 == 0) | (c == 1))
# 0-d tensors and scalars
t = torch.tensor(6)
print(t & 3, t | 1, t << 1, ~t, (t > 2) & (t < 10))
print(torch.tensor(True) & torch.tensor(False), ~torch.tensor(True))
# augmented assignment writes in place
keep = torch.tensor([True, False, False, True])
alias = keep
keep |= torch.tensor([False, True, False, False])
print(keep, alias is keep)
keep &= torch.tensor([True, True, False, False])
print(alias)
keep ^= True
print(alias)
n = torch.tensor([1, 2, 3])
n <<= 3
n >>= 1
n ^= 5
n &= 14
n |= 1
print(n)
# masks from a tensor that requires grad: the mask carries no graph, indexing does
w = torch.tensor([0.5, -1.0, 2.0, 3.0], requires_grad=True)
sel = (w > 0) & (w < 2.5)
print(sel, sel.requires_grad, sel.grad_fn)
loss = (w[sel] ** 2).sum() + w[~sel].sum()
print(loss)
loss.backward()
print(w.grad)
# a combined mask as a multiplier
print(x * ((x > 0) & (x != 1.0)))
print(((x > 0) | (x < -1)).sum().item(), ((x > 0) & (x < 0)).any().item())
