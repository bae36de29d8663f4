# floor division and modulo follow the sign of the divisor
for a in [7, -7]:
    for b in [2, -2]:
        print(a, b, a // b, a % b)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(7 // 2.0, -7 % 2.0, 7 % -2.5)
print(0 // 5, 0 % 5, -1 % 10, -11 // 10)
print(1 % 0.3, -1 % 0.3)
print(10 // 3 * 3 + 10 % 3)
print(-10 // 3 * 3 + -10 % 3)
print(2 ** -1, (-2) ** 3, -2 ** 2, 2 ** 3 ** 2)
