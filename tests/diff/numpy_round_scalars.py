# np.round on Python ints, NumPy integer scalars and integer arrays: integers round to themselves
import numpy as np
print(np.round(0), np.round(7, 1), np.round(np.array([1, 2])), repr(np.round(3)))
print(np.round(np.int64(5)), type(np.round(2)).__name__, np.round(1234, -2), np.round(2.675, 2))
