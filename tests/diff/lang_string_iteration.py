# building strings and text tables
rows = [("loss", 0.123456), ("accuracy", 0.9), ("epochs", 20)]
for name, val in rows:
    print(f"{name:<10}|{val:>10}")
print("=" * 21)
line = ""
for i in range(5):
    line += str(i) * i
print(line, len(line))
vowels = 0
for ch in "Automatic Differentiation":
    if ch.lower() in "aeiou":
        vowels += 1
print("vowels:", vowels)
words = "the quick brown fox".split()
print(" ".join(reversed(words)), [w[0] for w in words])
print("x=" + str(5), "-".join([str(n) for n in range(4)]))
