import numpy as np
x = np.float64(2.5)
m = np.array([1.0, 2.0, 4.0]).mean()
print(isinstance(x, float), isinstance(m, float), isinstance(np.float32(1), float), isinstance(np.int64(1), int))
print(isinstance(np.bool_(1), bool), isinstance(np.array(1.0), float), isinstance(m, (int, float)))
def describe(v):
    if isinstance(v, float):
        return f"float {v:.3f}"
    return "other " + str(v)
print(describe(m), describe(np.float32(1.5)), describe(np.arange(3).sum()))
