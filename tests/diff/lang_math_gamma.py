import math
print([math.gamma(i + 1) for i in range(25)])
print(math.gamma(0.5), math.gamma(2.5), math.gamma(-1.5), math.gamma(170.5), math.lgamma(10), math.lgamma(0.5), math.lgamma(1), math.lgamma(2), math.lgamma(100.5))
for bad in [0, -1, -2.0]:
    try:
        math.gamma(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    math.gamma(200)
except OverflowError as e:
    print('OverflowError', e)
try:
    math.lgamma(0)
except ValueError as e:
    print('ValueError', e)
