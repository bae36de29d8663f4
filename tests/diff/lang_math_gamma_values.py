import math
import random
random.seed(1)
bad = 0
for k in range(2000):
    x = random.uniform(-30, 180) if k % 2 else random.uniform(0, 10)
    if x == math.floor(x):
        continue
    for f in (math.gamma, math.lgamma):
        try:
            v = repr(f(x))
        except (ValueError, OverflowError) as e:
            v = type(e).__name__
        print(v)
