# The time module: timing a loop the way notebooks do (only stable facts are printed).
import time
from time import perf_counter
start = time.time()
t0 = perf_counter()
total = 0
for i in range(10000):
    total += i * i
time.sleep(0.01)
elapsed = perf_counter() - t0
print(total, elapsed >= 0.009, elapsed < 5, time.time() >= start)
print(type(time.time()).__name__, type(time.time_ns()).__name__, type(time.perf_counter_ns()).__name__)
print(time.monotonic() <= time.monotonic(), time.process_time() >= 0)
print(f"epoch 1 done in {0.0:.2f}s")
