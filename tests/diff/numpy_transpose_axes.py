# transpose with an axes tuple: negative axes, and the errors (stdout shows the survivors)
import numpy as np
b = np.arange(24).reshape(2, 3, 4)
print(b.transpose((-1, 0, 1)).shape, b.transpose(2, 0, 1).shape, b.transpose().shape)
print(b.transpose((1, 2, 0))[1])
