# torch's error messages, caught and printed (str(e) is torch's message, nothing more)
import torch

def show(title, f):
    try:
        r = f()
        print(title, "-> no error:", r)
    except Exception as e:
        print(title, "->", type(e).__name__ + ":", e)

w = torch.tensor([1.0, 2.0], requires_grad=True)

def inplace_leaf():
    w.add_(1)
show("in-place on a leaf", inplace_leaf)

def nonscalar_backward():
    y = w * 2
    y.backward()
show("non-scalar backward", nonscalar_backward)

def second_backward():
    y = (w * w).sum()
    y.backward()
    y.backward()
show("second backward", second_backward)

def no_grad_tensor():
    x = torch.tensor([1.0, 2.0])
    (x * 2).sum().backward()
show("backward without grad", no_grad_tensor)

show("matmul shapes", lambda: torch.ones(2, 3) @ torch.ones(2, 3))
show("mm shapes", lambda: torch.mm(torch.ones(2, 3), torch.ones(4, 5)))
show("add shapes", lambda: torch.ones(3) + torch.ones(4))
show("int requires_grad", lambda: torch.tensor([1, 2], requires_grad=True))
show("view size", lambda: torch.arange(6).view(4, 2))
show("reshape size", lambda: torch.arange(6).reshape(5))
show("item of many", lambda: torch.ones(3).item())
show("index out of range", lambda: torch.arange(3)[5])
show("cat shapes", lambda: torch.cat([torch.ones(2, 2), torch.ones(3, 3)]))

# after a caught error the graph and grads are still usable
w.grad = None
loss = (w ** 2).sum()
loss.backward()
print(w.grad)

# no_grad is restored when an exception passes through it
print(torch.is_grad_enabled())
try:
    with torch.no_grad():
        print("inside:", torch.is_grad_enabled())
        raise ValueError("escape")
except ValueError as e:
    print("caught", e)
print("after:", torch.is_grad_enabled())
y = w * 3
print(y.requires_grad, y.grad_fn is not None)

# the typical notebook pattern
try:
    l = (w * 2).sum()
    l.backward()
    l.backward()
except RuntimeError as e:
    print("RuntimeError caught:", str(e)[:60])

# cat and stack: torch names the sizes that differ
show("cat dim 0", lambda: torch.cat([torch.ones(2, 3, 4), torch.ones(2, 3, 5)]))
show("cat dim 2", lambda: torch.cat([torch.ones(2, 3, 4), torch.ones(2, 5, 4)], dim=2))
show("cat ndim", lambda: torch.cat([torch.ones(2, 3), torch.ones(3)], dim=0))
show("stack", lambda: torch.stack([torch.ones(2), torch.ones(3)]))
show("stack third", lambda: torch.stack([torch.ones(2, 3), torch.ones(2, 3), torch.ones(3, 2)], dim=1))
show("mean of long", lambda: torch.tensor([1, 2]).mean())
show("linear shape", lambda: torch.nn.Linear(3, 2)(torch.ones(5, 4)))
show("dim out of range", lambda: torch.ones(2, 3).sum(dim=2))
show("bool of many", lambda: bool(torch.ones(3)))
show("numpy of requires_grad", lambda: torch.ones(2, requires_grad=True).numpy())
