# bitwise operators on ints and bools: & | ^ ~ << >> and their augmented forms
print(6 & 3, 6 | 3, 6 ^ 3, ~6, ~0, ~-1)
print(-6 & 3, -6 | 3, -6 ^ 3, -1 & 255)
print(True & False, True | False, True ^ True, False ^ True)
print(True & 1, True | 2, 3 ^ True, ~True, ~False)
print(type(True & True).__name__, type(True & 1).__name__, type(~True).__name__)
print(1 << 0, 1 << 10, 3 << 61, -1 << 63, 0 << 1000, True << 4)
print(1024 >> 3, -5 >> 1, -1 >> 10, 5 >> 100, -5 >> 100, 9223372036854775807 >> 62)
# precedence: | < ^ < & < shifts < + -; comparisons bind looser than |
print(1 | 2 ^ 3 & 4 << 1 + 1)
print(1 + 2 << 3, 1 << 2 + 3, 2 * 3 << 1, 16 >> 2 - 1)
print(5 & 3 == 1, 4 | 1 > 4, 1 < 2 | 4)
print(-1 & 0xff, ~3 & 7, -~5, ~-5, ~~7)
print(6 & 3 | 8, 6 ^ 3 & 1, (6 ^ 3) & 1)
x = 0b1100
x &= 0b1010
print(x)
x |= 1
print(x)
x ^= 0xff
print(x)
x <<= 2
print(x)
x >>= 3
print(x)
flags = 0
for bit in [0, 3, 5]:
    flags |= 1 << bit
print(flags, bin(flags), [i for i in range(8) if flags >> i & 1])
def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c
print([popcount(n) for n in range(10)], popcount(2**40 - 1))
print(sum(1 << i for i in range(5)), 255 ^ 170, hex(0xdead & 0xff00))
print(all([True, True]) & any([False, True]), (3 > 2) | (1 > 2))
