import torch
torch.manual_seed(0)
for shape, dims in [((37, 1), 0), ((1, 37), 1), ((37, 1, 5), 0), ((5, 37, 1), 1), ((1, 37, 1), 1), ((37, 1), (0, 1)), ((2, 1, 37), 2), ((37, 1, 1), 0), ((1, 1, 37), (0, 2)), ((1, 100), 0)]:
    x = torch.randn(*shape)
    print(shape, dims, x.sum(dim=dims).tolist()[:3] if x.sum(dim=dims).dim() else x.sum(dim=dims).item(), x.mean(dim=dims).view(-1)[:2].tolist())
    xd = x.double()
    print(xd.sum(dim=dims).view(-1)[:2].tolist())
    print(x.t().sum(dim=0).view(-1)[:2].tolist() if x.dim() == 2 else "")
