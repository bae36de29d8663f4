# sum/round/divmod/pow/abs, int/float from strings, math
# ---- from p07.py
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0, 0.1 + 0.2)
print(sum([1, 2, 3], 10), sum([], 5), sum([0.5, 0.25]), sum(range(101)))
print(sum([[1], [2]], []))
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 3.5, 2.675, 0.125, 1.005]:
    print(x, round(x), round(x, 2), round(x, 1))
print(round(1234.5678, -2), round(15, -1), round(25, -1), round(-25, -1), round(7))
print(type(round(2.5)), type(round(2.5, 0)), round(2.5, 0))
print(int(" 42 "), int("1_000"), float(" 3.5\n"), float("1_0.5"), int("-7"), int("+8"))
print(float("inf"), float("-inf"), float("nan"), float("1e3"), float(".5"), float("5."))
print(int(3.99), int(-3.99), int(True), float(7), int("0x1f", 16), int("101", 2), int("z", 36))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(7.5, 2), divmod(-7.5, 2))
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 7), pow(2, -1), pow(-2, 3), pow(2.0, 3))
print(abs(-5), abs(5.5), abs(-0.0), abs(True), abs(-10**18))
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.0 // 2, 2 ** -2, 10 / 4, 10 / 5)
print(1e16, 1e15, 123456789012345678.0, 0.1 * 3, 1 / 3, 2 ** 0.5, 1e-7, 0.0001)
# ---- from p11.py
print(format(3.14159, ".2f"), format(42, "08b"), format(1234567.891, ",.2f"), format(1e6, "_.1f"), format("s", ">3"))
print(f"{1234567:_}", f"{1234567:,d}", f"{-1234.5:,.1f}", f"{0.000123:.2e}", f"{123.456:E}", f"{5:+05d}", f"{-5:05d}")
print(f"{3.0:.0f}", f"{2.5:.0f}", f"{3.5:.0f}", f"{0.125:.2f}", f"{1.005:.2f}", f"{1e20:.2f}", f"{1e-20:f}")
print(f"{100:.2%}", f"{42:c}" if False else "", f"{255:#o}", f"{3:3}", f"{'abc':.2}", f"{'abc':5.2}|")
print(f"{1.5:g}", f"{1e100:g}", f"{1234567.0:g}", f"{0.00001234:g}", f"{100000.0:g}", f"{1000000.0:g}")
print(f"{12.0}", f"{1e16}", f"{-0.0}", f"{float('inf')}", f"{float('nan')}", f"{2**53}")
print(f"{3.14159!s:>10}", f"{'a'!r:5}", f"{[1,2]!s}", f"{ {'a': 1} }")
x = 3.7
print(f"{x=}", f"{x*2=:.1f}", f"{ x = }")
print(5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 0.1 + 0.7, 1.1 * 3, 4.35 * 100)
print(float(10**15), float(10**16), 123e-10, 1.0e15 + 0.3, -1e-5, 3.0e-4)
print(True + True, True * 3, False - 1, 10 * False, True / 2, -True)
print(1 == 1.0, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 3 > 2 > 1, 1 < 3 < 2, 2 == 2 != 3)
print(int("  -0 "), int("00012"), float("-0"), int(" 1_2_3 "), float("  +1.5e2  "), float("InFinity"), float("-NaN"))
print(7 .bit_length() if False else "", (5).__class__.__name__ if False else "")
print(max(1, 2.5), min(-1, -1.0), max("a", "B"), max([1, 2], [1, 3]), max((1, 2), (1,)))
# ---- from p20.py
import math
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.sqrt(16), math.isqrt(17), math.gcd(12, 18))
print(math.pi, math.e, math.inf, -math.inf, math.isnan(math.nan), math.isclose(0.1 + 0.2, 0.3))
print(math.log(100, 10), math.log10(1000), math.log2(8), math.exp(0), math.pow(2, 3), math.fabs(-3))
print(math.factorial(10), math.comb(5, 2), math.perm(5, 2), math.hypot(3, 4), math.degrees(math.pi), math.radians(180))
print(round(math.sin(math.pi / 2), 10), round(math.cos(0)), math.atan2(1, 1), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]))
print(math.floor(3), type(math.floor(3.5)), math.copysign(1, -0.0), math.fmod(-7, 3), math.modf(3.5), math.frexp(8.0) if hasattr(math, "frexp") else "")
print(max(0.1, 0.10000000000000001), min(float("inf"), 10**18), abs(-math.inf))
print(int(math.pi * 1000) / 1000, round(math.pi, 4), f"{math.pi:.5}", str(math.tau)[:6])
# ---- from p24.py
print("\101\x41\u0041\U00000041", r"raw\n\t", "a\
b", 'it\'s', len("\0"), "\a\b\f\v" == "\x07\x08\x0c\x0b")
print(1_000_000, 0b1010, 0o17, 0xFF, 1e3, .5, 5., 1_0.0_1, 0x_1f, 1E-2)
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2, ~5, ~-1, 5 & 3, 5 | 3, 5 ^ 3, 1 << 10, -16 >> 2, 7 >> 1)
print(not 1 == 2, not (1 == 2), 1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 10 - 2 - 3, 2 * 3 % 4, -7 // 2 * 2)
print(1 if 0 else 2 if 0 else 3, [1, 2][True], "abc"[-1], (lambda x, y=2: x * y)(4), (lambda *a: a)(1, 2))
x = 5; y = 6; print(x, y)
if x: print("inline if")
for i in range(2): print(i, end=" ")
print()
while False: pass
z = [1,
     2,  # comment
     3]
print(z, f"{'nested'}", f'{"dq"}', f"""{x}
{y}""", f"{x!r:>3}{{lit}}")
del x
print("x" in dir() if False else "deleted")
t = 1,
print(t, (), (1), ((1,),), [1,][0])
a = b = c = 7
print(a, b, c)
a, b = b + 1, a - 1
print(a, b)
print(0.1 + 0.2 == 0.30000000000000004, 1e308 * 10, -1e308 * 10, 10 ** 18, -(10 ** 18))
print(17 & -1, -17 & 0xff, 3 ^ -1, True & False, True | False, True ^ True, 1 << 62)
