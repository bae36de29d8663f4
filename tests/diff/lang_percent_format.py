# printf-style formatting with the % operator
print("%d items" % 5, "%s=%r" % ("a", "b"), "%.2f" % 3.14159, "%5d|" % 42, "%-5s|" % "ab", "%x" % 255, "%%")
print("%5.1f%%" % 12.345, "%05d" % -42, "%+d" % 5, "% d" % 5, "%o" % 8, "%X" % 255, "%#x" % 255, "%#o" % 8)
print("%e" % 12345.678, "%.3E" % 0.00012, "%g" % 0.0001, "%g" % 1e20, "%G" % 1e-10, "%.3g" % 3.14159, "%10.3e|" % 1.5)
print("%s" % [1, 2], "%s" % (1,), "%s and %s" % (1, 2), "%r" % "x", "%s" % None, "%s" % True, "%d" % True)
print("%d" % 3.99, "%i" % -3.99, "%f" % 1, "%.0f" % 2.5, "%.0f" % 3.5, "%c" % 65, "%c" % "z", "%5s|%-5s|" % ("a", "b"))
print("%.3s" % "abcdef", "%*d|" % (5, 42), "%-*d|" % (5, 42), "%.*f" % (2, 3.14159), "%s" % "é", "%3s|" % "é")
print("%.3d" % 7, "%5.3d|" % 7, "%-8.3f|" % 2.5, "%+.2f" % 0, "%08.3f" % -3.14159, "%x" % -255, "%#X" % 255)
print("Name: %-10s Age: %3d" % ("Bob", 7))
print("%s" % {"a": 1}, "%d%%" % 50, "%s %s" % ("a", [1]), "%f" % float("inf"), "%.2f" % float("nan"))
for i in range(3):
    print("row %d: %6.2f" % (i, i * 1.5))
x = "%s"
print(x % "y", "abc" % (), "100%%" % ())
msg = "total"
msg = "%s: %d" % (msg, 10)
print(msg)
s = "%d-%d"
s %= (1, 2)
print(s)
name, score = "Ann", 93.456
print("%s scored %.1f (%d%%)" % (name, score, round(score)))
print("|%10.4f|%-10.2e|%+5d|%05.1f|" % (3.14159265, 12345.678, 42, 2.25))
person = {"name": "Ann", "age": 30, "h": 1.756}
print("%(name)s is %(age)d, %(h).2f m" % person, "%(name)-6s|%(age)05d" % person, "%(name)r %%" % person)
print("%(a)s %(a)s" % {"a": 1}, "plain" % {}, "%s" % {"k": 1}, "abc" % [], "%s" % [1, 2])
