# the math module
import math
print(math.pi, math.e)
print(math.sqrt(2), math.exp(1), math.log(10), math.log(8, 2))
print(math.sin(0.5), math.cos(0.5), math.tanh(0.5))
print(math.floor(-2.5), math.ceil(-2.5), math.floor(2.5), math.ceil(2.1))
print(math.fabs(-3), math.pow(2, 10), math.exp(-1000), math.log(1))
print(math.inf, -math.inf, math.isnan(float("nan")), math.isinf(math.inf))
print(f"{math.pi:.10f} {math.sqrt(3):.3e}")
print(1 / (1 + math.exp(-2.0)))
