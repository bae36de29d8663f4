import torch
# indexing and slicing
m = torch.arange(12.0).reshape(3, 4)
print(m[0], m[-1], m[1, 2], m[1][2])
print(m[:, 1], m[1:, 2:], m[::2], m[:, ::2])
print(m[0, 1:3], m[-1, -1].item())
print(m[1:2], m[1:2].shape, m[:, 0:1].shape)
v = torch.tensor([10, 20, 30, 40, 50])
print(v[1:4], v[-2:], v[:0], v[4])
with torch.no_grad():
    m[0, 0] = -1.0
    m[2] = 0.5
    m[:, 3] = 9
print(m)
for row in torch.tensor([[1, 2], [3, 4]]):
    print(row, row.sum())
print(len(v), [int(e) for e in v])
