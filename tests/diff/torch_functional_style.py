import torch
# torch.* function forms alongside methods
x = torch.tensor([[1.0, -2.0], [3.0, -4.0]])
print(torch.abs(x), torch.relu(x), torch.sigmoid(x))
print(torch.sum(x, dim=1), torch.mean(x), torch.max(x), torch.min(x, dim=1))
print(torch.matmul(x, x), torch.transpose(x, 0, 1), torch.reshape(x, (4,)))
print(torch.exp(x).sum(dim=1, keepdim=True), torch.argmax(x), torch.argmax(x, dim=1))
print(torch.flatten(x), torch.tanh(x).mean(dim=0))
