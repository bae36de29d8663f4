import numpy as np
# big arrays are summarised; float formatting choices
print(np.arange(2000))
print(np.arange(2000.0))
print(np.array([1.5, 2.0, 3.25, 1000000.0]))
print(np.array([123456789.0, 0.5]))
print(np.array([0.00012, 0.5]))
print(np.array([1.0, 2.0, 3.0]) / 7)
print(np.linspace(0, 1, 11))
