# comparisons and boolean logic
x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 != 6)
print(1 < 2 < 3 < 4 < 3)
print(3 > 2 == 2, (3 > 2) == 2)
print(x is None, x is not None, None is None)
print(1 == 1.0, "a" == "a", 0.1 + 0.2 == 0.3)
print(0 or "default", "" or [] or 0, 3 and 4, 0 and 4, None or None)
print(not 0, not [1], not "", not None)
print(x > 3 and x < 10, x < 3 or x > 4, not x == 5)
def loud(v):
    print("eval", v)
    return v
print(loud(1) < loud(2) < loud(0) < loud(9))
print(loud(0) and loud(1))
print(loud(2) or loud(3))
print([1, 2] == [1, 2], (1, 2) != (1, 2), "abc" < "abd", [] < [0])
print(True == 1, False == 0, 2 != 2.0)
print(1 if x > 2 else 2 if x > 1 else 3)
