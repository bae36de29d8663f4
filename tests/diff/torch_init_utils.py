import torch
import torch.nn as nn
import numpy as np

# old-style constructors and conversions
print(torch.Tensor([1, 2]), torch.FloatTensor([[1, 2]]), torch.LongTensor([1, 2]), torch.DoubleTensor([0.5]), torch.Tensor(2, 3).shape)
a = np.array([1., 2.])
print(torch.as_tensor(a), torch.as_tensor([1, 2]), torch.as_tensor([1, 2], dtype=torch.float32))
t = torch.tensor([1., 2.])
print(torch.as_tensor(t) is t, t.cpu() is t, t.to('cpu'), t.detach().cpu().numpy())
x = torch.tensor([[1., 5.], [3., 2.]])
print(x.view_as(torch.zeros(4, 1)), x.type_as(torch.tensor([1])), torch.tensor([1, 2]).type_as(x))
print(x.nelement(), x.element_size(), torch.tensor([1]).element_size(), x.is_floating_point(), torch.is_floating_point(torch.tensor([1])), torch.get_default_dtype())

# torch.nn.init fills parameters in place
torch.manual_seed(0)
m = nn.Linear(3, 2)
nn.init.zeros_(m.bias)
nn.init.ones_(m.weight)
print(m.weight, m.bias)
nn.init.xavier_uniform_(m.weight)
print(m.weight)
nn.init.normal_(m.weight, mean=0, std=0.01)
print(m.weight)
nn.init.constant_(m.bias, 0.5)
print(m.bias)
nn.init.uniform_(m.bias, -0.1, 0.1)
print(m.bias)
nn.init.kaiming_uniform_(m.weight, nonlinearity='relu')
print(m.weight)
nn.init.kaiming_normal_(m.weight)
print(m.weight)
nn.init.xavier_normal_(m.weight, gain=nn.init.calculate_gain('tanh'))
print(m.weight, nn.init.calculate_gain('relu'), nn.init.calculate_gain('leaky_relu', 0.2))
w = torch.empty(2, 3)
w.uniform_(0, 2)
print(w)
w.normal_()
print(w)

# gradient clipping
torch.manual_seed(0)
m = nn.Linear(3, 2)
loss = m(torch.ones(4, 3)).pow(2).sum()
loss.backward()
print(nn.utils.clip_grad_norm_(m.parameters(), 1.0))
print(m.weight.grad, m.bias.grad)
print(nn.utils.clip_grad_norm_(m.parameters(), max_norm=10.0))
print(m.weight.grad)
