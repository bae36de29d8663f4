import torch
# formatting 0-d tensors with f-string specs
loss = torch.tensor(0.123456789)
print(f"{loss:.3f} {loss:.8f} {loss:10.4f}| {loss:e}")
print(f"{loss}")
print(f"{torch.tensor(2.0):.2f} {torch.tensor([1.5])}")
print(f"{loss.item():.8f} {loss.item()}")
w = torch.tensor(1.99999, requires_grad=True)
print(f"w = {w:.3f}, w item = {w.item():.3f}")
print("loss:", loss, "value", loss.item())
print(str(loss), repr(loss))
print(f"{torch.tensor(3).item():d}")
