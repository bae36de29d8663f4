# f-string format specs
x = 3.14159265
n = 1234567
print(f"[{x:>10.3f}]")
print(f"[{x:<10.3f}]")
print(f"[{x:^10.3f}]")
print(f"[{x:*^12.2f}]")
print(f"[{x:08.2f}]")
print(f"[{-x:08.2f}]")
print(f"[{x:+.1f}] [{x: .1f}]")
print(f"{n:,} {n:_} {n:,.2f}")
print(f"{n:e} {x:e} {x:.2e} {n:E}")
print(f"{x:g} {n:g} {0.00001234:g} {1e20:g} {123.0:g}")
print(f"{0.256:%} {0.256:.1%} {1:.0%}")
print(f"{255:#x} {255:x} {255:X} {255:#o} {5:b} {5:#b} {255:08b}")
print(f"{42:5d}|{42:<5d}|{42:^5d}|{42:05d}|{-42:05d}")
print(f"{'hi':>5}|{'hi':<5}|{'hi':^6}|{'hi':-^7}")
print(f"{1e16:.3f} {2.5:.0f} {3.5:.0f} {0.125:.2f}")
print(f"{x:.10g} {x:G} {1e-7:G}")
print(f"{12345.6789:,.1f} {-1234:,}")
print(f"{x:10} | {n:10} | {'s':3}|")
w = 8
p = 2
print(f"[{x:{w}.{p}f}]")
print(f"{{literal}} {x:.1f}")
