# round(): banker's rounding and float representation effects
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(1234.5678, -2), round(1250, -2), round(1350, -2))
print(round(7), round(7.0), round(-2.4), round(2.6))
print(round(1e16 + 1.0), round(0.1 + 0.2, 15), round(0.1 + 0.2, 16))
print(round(5.5), round(6.5), round(-6.5), round(0.0), round(-0.4))
print(type(round(2.5)) == int, type(round(2.5, 1)) == float)
print(round(123.456, 1), round(-123.456, 1), round(9.995, 2))
