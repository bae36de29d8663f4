# integer arithmetic
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(2 ** 10, 2 ** 62, 3 ** 39)
print(-a, +a, abs(-a))
print(1_000_000 + 1, 0x1f, 0xFF + 1)
print(pow(2, 8), pow(3, 4, 5))
print(10 / 5, type(10 / 5) == float)
print(int(3.99), int(-3.99), int("42"), int("  -7 "))
x = 7
x += 3
x *= 2
x -= 1
x //= 4
x %= 3
x **= 5
print(x)
print(True + True, True * 10, False - 1)
print(9223372036854775807)
print(-9223372036854775807 - 1)
print(123456789 * 987654321)
