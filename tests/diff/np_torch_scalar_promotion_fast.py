# + - * / between float tensors/arrays and Python numbers or same-dtype operands: the result's
# dtype and type as each library gives it (agrepl decides these on a fast path).
import numpy as np
import torch
a32 = np.array([1.5, 2.25, -3.0], dtype=np.float32)
a64 = np.array([1.5, 2.25, -3.0])
s32 = np.float32(2.5)
z32 = np.array(2.5, dtype=np.float32)
for x in [a32, a64, s32, z32]:
    for y in [0.1, 3, True, s32, np.float64(0.1)]:
        for r in [x + y, y + x, x - y, y - x, x * y, y * x, x / y, y / x]:
            print(type(r).__name__, r.dtype, r)
print(a32 * a32, (a32 - a32).dtype, (a64 / a64).dtype, (s32 * s32).dtype, type(s32 * s32).__name__)
t32 = torch.tensor([1.5, 2.25, -3.0])
t64 = torch.tensor([1.5, 2.25, -3.0], dtype=torch.float64)
z = torch.tensor(2.5)
i64 = torch.tensor([1, 2, 3])
for x in [t32, t64, z, i64]:
    for y in [0.1, 3, z]:
        for r in [x + y, y + x, x - y, y - x, x * y, y * x, x / y, y / x]:
            print(r.dtype, r)
w = torch.tensor(1.0, requires_grad=True)
l = (3 - w * 2) / 4 + 1 * w - w / 2
l.backward()
print(l, w.grad)
