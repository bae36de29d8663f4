# list methods and repr
a = [3, 1, 4, 1, 5]
a.append(9)
print(a)
a.extend([2, 6])
print(a, len(a))
a.insert(0, 0)
a.insert(100, 7)
print(a)
print(a.pop(), a.pop(0), a)
a.remove(1)
print(a, a.index(5), a.count(1))
b = a.copy()
b.sort()
print(a, b)
b.reverse()
print(b)
b.sort(reverse=True)
print(b)
print([1, [2, [3, []]]], [], [None, True, "s", 1.0])
print([1, 2] + [3], [0] * 3, [1, 2] == [1, 2], [1, 2] < [1, 3])
c = [1, 2, 3]
c[1] = 20
c[-1] += 5
print(c, 20 in c)
del c
m = [[0] * 3 for _ in range(2)]
m[0][1] = 5
print(m)
words = ["pear", "Apple", "fig"]
words.sort(key=len)
print(words)
