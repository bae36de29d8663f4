# The seed notebook's manual NumPy loop, N times (N from argv). Valid ag and Python.
import sys
import numpy as np
n = int(sys.argv[1])
X = np.array([1, 2, 3, 4], dtype=np.float32)
Y = np.array([2, 4, 6, 8], dtype=np.float32)
w = 0.0
learning_rate = 0.01
for epoch in range(n):
    y_pred = w * X
    l = ((y_pred - Y)**2).mean()
    dw = np.dot(2*X, y_pred-Y).mean()
    w -= learning_rate * dw
print(f'w = {w:.3f}')
