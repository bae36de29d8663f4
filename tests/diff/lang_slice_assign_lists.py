# slice assignment, list methods and aliasing
# ---- from p05.py
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
a[1:1] = [99, 98]
print(a)
a[-2:] = []
print(a)
del a[::3]
print(a)
b = [1, 2, 3, 4, 5]
print(b[::-1], b[-3:], b[:-3], b[1:4:2], b[10:], b[-10:2], b[::-2])
b[:] = "abc"
print(b)
s = "hello world"
print(s[::-1], s[2:8:3], s[-5:], s[:0], s[100:])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1], t[5:])
try_ = [1, 2, 3]
try_[0:3:2] = [7, 8]
print(try_)
# ---- from p13.py
l = [3, 1, 4]
l.insert(0, 9); l.insert(100, 7); l.insert(-1, 8)
print(l, l.count(1), l.index(4), l.index(1, 1))
l.extend("ab"); l.extend((5,)); l.append([6])
print(l, len(l))
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove("a"); print(l)
l2 = l.copy(); l2.reverse(); print(l, l2)
l2.clear(); print(l2, [] == l2, [1, [2]] == [1, [2]])
m = [[0] * 3] * 2
m[0][0] = 1
print(m)
m = [[0] * 3 for _ in range(2)]
m[0][0] = 1
print(m)
a = [1, 2]; b = a; b += [3]; print(a, a is b)
c = [1, 2]; d = c; d = d + [3]; print(c, d)
print([1, 2] * 2, 2 * [None], [] * 5, [x for x in range(10) if x % 3 == 0 if x])
print([(i, j) for i in range(3) for j in range(i)], [[j for j in range(i)] for i in range(4)])
print(list("abc"), list(range(5, 0, -2)), list((1, 2)), list({"a": 1}), tuple([1]), tuple("ab"))
nums = [5, 3, 8]
nums.sort(); print(nums, nums[0], nums[-1])
print(sum(x * x for x in nums), [n for n in nums if n > 4] or "none", [] or "empty")
print(3 in nums, nums * 0, nums[1:2] * 3)
