# enumerate/zip combos, while/for else, break/continue
# ---- from p03.py
names = ["ann", "bob", "cy"]
ages = [31, 25]
for i, (n, a) in enumerate(zip(names, ages), start=1):
    print(i, n, a)
print(list(enumerate("ab")), list(zip(*[[1, 2, 3], [4, 5, 6]])))
print(list(zip(names, range(10), "xyz")))
print(dict(zip(names, ages)), dict(enumerate(names)))
for idx, ch in enumerate(reversed("abc")):
    print(idx, ch, end="; ")
print()
i = 0
while i < 10:
    if i == 7:
        print("break at", i)
        break
    i += 2
else:
    print("no break", i)
i = 0
while i < 3:
    i += 1
else:
    print("finished", i)
for x in []:
    pass
else:
    print("empty else")
for n in range(2, 20):
    for k in range(2, n):
        if n % k == 0:
            break
    else:
        print(n, end=" ")
print()
# ---- from p15.py
def caesar(s, k):
    out = ""
    for ch in s:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out += chr((ord(ch) - base + k) % 26 + base)
        else:
            out += ch
    return out
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
print(0 or "x", "" and 5, None or [] or 0, 1 and 2 and 3, not 0, not "a", [] == False, bool([0]), bool(""), bool(0.0))
print(bool(None), bool(" "), bool({}), int(bool(3)), str(bool(0)))
vowels = sum(1 for c in "programming language" if c in "aeiou")
print(vowels, "banana".count("ana"), "aaaa".count("aa"), "aaaa".replace("aa", "b"))
word = "racecar"
print(word == word[::-1], "".join(sorted(word)))
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
for row in grid:
    print(" ".join(f"{v:3d}" for v in row))
print([list(col) for col in zip(*grid)], [grid[i][i] for i in range(3)])
total = 0
for n in range(1, 20):
    if n % 2 == 0:
        continue
    if n > 15:
        break
    total += n
print(total)
x = 10
res = "big" if x > 5 else "small"
print(res, "even" if x % 2 == 0 else "odd", x if x else -1)
n = 27; steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
print(int("0b101", 0), int("0o17", 0), int("0x_ff", 16), int("FF", 16), int("  12  ", 10))
s = "The Quick Brown Fox"
print(s.split(), s.lower().split("o"), [w[0] for w in s.split()], " ".join(w[::-1] for w in s.split()))
print(s.split(" ", 1), s.rsplit(" ", 1), s.split(maxsplit=2))
# ---- from p14.py
print("a", "b", sep="")
print("a", "b", sep=", ", end="!\n")
print()
print("x", end="")
print("y")
print(*[1, 2, 3])
print(*"abc", sep="|")
print(1, 2.0, None, True, "s", [1], (2,), {3: 4})
print("multi\nline")
print(sep="-")
print("", "")
print("a", 1, sep=None)
print("end", end=None)
print(" done")
