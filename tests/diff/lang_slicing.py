# slicing lists, strings, tuples
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7])
print(a[::2], a[1::3], a[::-1], a[8:2:-2], a[-1:-4:-1])
print(a[100:], a[-100:2], a[5:2], a[:])
s = "abcdefgh"
print(s[1:4], s[::-1], s[::3], s[-2:], s[:0] == "")
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-2])
b = a[:]
b[0] = 99
print(a[0], b[0])
c = [0, 1, 2, 3, 4, 5]
c[1:3] = ["x", "y", "z"]
print(c)
print(a[len(a) // 2], s[len(s) - 1])
print("hello world"[6:11].upper())
