import torch
import numpy as np
print(torch.tensor(range(5)), np.array(range(3)), torch.tensor(range(10, 0, -3)))
p = torch.tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
lab = torch.tensor([1, 0, 1])
print(p[range(3), lab], p[range(len(lab)), lab].log())
print(-torch.log(p[range(len(lab)), lab]).mean())
onehot = torch.zeros(3, 2)
onehot[range(3), lab] = 1.0
print(onehot)
q = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
print(q[range(3), [1, 0, 1]], -np.log(q[np.arange(3), [1, 0, 1]]).mean())
x = torch.arange(12).reshape(3, 4)
print(x[:, [0, 3]], x[[0, 2], :], x[1, [1, 2, 3]], x[[0, 2]][:, [1]])
x[:, [0, 3]] = 0
print(x)
