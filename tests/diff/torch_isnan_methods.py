import torch
import numpy as np
x = torch.tensor([1.0, float('nan'), float('inf'), -float('inf'), 0.0])
print(x.isnan(), x.isinf(), x.isfinite(), x.logical_not(), x.isnan().any(), x.isnan().sum())
print(torch.tensor([1, 0, 2]).isnan(), torch.tensor([1, 0, 2]).logical_not(), torch.tensor([True, False]).logical_not())
m = torch.tensor([[0.5, float('nan')], [1.0, 2.0]])
print(m[~m.isnan()], m.isnan().nonzero())
print(np.isnan(np.array([1.0, np.nan])))
