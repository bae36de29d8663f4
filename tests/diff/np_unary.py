import numpy as np
# exp, log, sqrt, abs, maximum
x = np.array([0.5, 1.0, 2.0, 4.0])
print(np.exp(x))
print(np.log(x))
print(np.sqrt(x))
print(np.abs(np.array([-1.5, 0.0, 2.0])))
print(np.maximum(np.array([-1.0, 2.0, 0.5]), 0))
print(np.maximum(np.array([1, 5, 3]), np.array([4, 2, 6])))
x32 = np.array([0.5, 1.0, 2.0], dtype=np.float32)
print(np.exp(x32), repr(np.exp(x32)))
print(np.sqrt(2.0), np.exp(1.0), np.log(10.0))
print(np.abs(-3), np.sqrt(np.array([4, 9])))
