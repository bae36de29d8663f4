# tables with ljust/rjust/center, f-string and %-format alignment
# ---- from p01.py
rows = [("apple", 3, 1.5), ("banana", 12, 0.25), ("kiwi", 100, 10.0)]
print("Name".ljust(10) + "Qty".rjust(5) + "Price".center(10) + "|")
for n, q, p in rows:
    print(n.ljust(10, ".") + str(q).rjust(5) + f"{p:^10.2f}" + "|")
    print(f"{n:<10}{q:>5}{p:^10}|{q:05d}|{p:+.1f}|{n!r:>12}|")
print(f"{'x':*^9}|{3.14159:10.3f}|{42:<6}|{-7:>4}|{1234567:,}|{0.5:%}|{0.25:.1%}")
print(f"{12:x} {12:X} {12:o} {12:b} {12:#x} {12:#b} {255:08b}")
print("%-8s|%8s|%5.2f|%03d" % ("ab", "cd", 2.5, 7))
print("{:>6}|{:<6}|{:^6}|".format("a", "b", "c"))
print("{0} {1} {0}".format("x", "y"))
print("{name}={val:.3f}".format(name="pi", val=3.14159))
print(f"{3.0:g} {1e-5:g} {123456789.0:g} {0.0001:e} {1/3:.10g}")
print(f"{True} {None} {[1, 'a']} {(1,)} {{}}")
print(f"{10:>{5}}|{'ab':{'>'}{6}}|")
w = 7
print(f"{'hi':>{w}}|{3.5:{w}.2f}|")
# ---- from p22.py
text = """one two three
two three four
three four five"""
freq = {}
for line in text.splitlines():
    for w in line.split():
        freq[w] = freq.get(w, 0) + 1
for w, c in sorted(freq.items(), key=lambda p: (-p[1], p[0])):
    print(f"{w:>6}: {'#' * c} ({c})")
longest = max(freq, key=len)
print(longest, len(longest), sorted(freq, key=lambda w: (len(w), w)))
print(text.count("\n"), text.upper().split("\n")[1], text.find("four"), text[4:7])
lines = [l.strip() for l in text.split("\n")]
print(lines, [len(l) for l in lines], "|".join(lines))
print("\n".join(f"{i}: {l}" for i, l in enumerate(lines, 1)))
table = [["id", "name", "score"], [1, "alpha", 9.5], [22, "be", 10.25], [333, "gamma", 7]]
widths = [max(len(str(r[i])) for r in table) for i in range(3)]
for r in table:
    print(" | ".join(str(c).ljust(w) if isinstance(c, str) else str(c).rjust(w) for c, w in zip(r, widths)))
print("+".join("-" * (w + 2) for w in widths))
print("{:<8}{:>8}{:^8}|".format("L", "R", "C"), "{:08.3f}".format(-3.14159), "{:,}".format(10**9))
# ---- from p26.py
print(f"{'a':>5}", f"{True:>6}", f"{True:d}", f"{False:5}", f"{3:5.1f}", f"{2.5:5d}" if False else "")
print(format(True), format(None), format([1, 2]), format(1.0), format(10, ""), str(12).center(6, "-"))
print(f"{1e-05}", f"{123456789.123456789}", f"{0.1:.20f}", f"{1/7:.15g}", f"{2/3:.3}", f"{1234.5:.3}")
print(f"{-0.0:.1f}", f"{0.05:.1f}", f"{0.15:.1f}", f"{0.25:.1f}", f"{0.35:.1f}", f"{2.675:.2f}")
print(f"{10**10:e}", f"{-1.5e-10:.3e}", f"{1.0:.0e}", f"{12345:.2e}", f"{0:e}", f"{float('inf'):.2f}", f"{float('-inf'):e}")
print(f"{7:#b}", f"{-7:b}", f"{-255:#x}", f"{255:X}", f"{65:c}", f"{1:03}", f"{-1:03}", f"{1.5:06.2f}", f"{-1.5:06.2f}")
print(f"{'left':<{8}}|", f"{'r':>{3}}|", f"{42:^{7}}|", f"{3.14159:.{3}f}", f"{'x':=^5}" if False else "")
print(f"{1000000:,.2f}", f"{-1000:,}", f"{0.5:,.3f}", f"{1234567:_x}" if False else "", f"{12:=+5}", f"{-12:=6}")
print("%5.1f%%" % 99.44, "%e" % 0.0001, "%g" % 1e-5, "%g" % 123456789, "%.3g" % 2.5678, "%i" % 3.9, "%s" % [1, "a"])
print("%-6d|%6.2e|%+.3f|% d" % (42, 1234.5, -2.0, 5), "%r" % "x'y", "%5s|%-5s|" % (None, True))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%.2s" % "abcdef", "%x|%X|%#o" % (255, 255, 8))
