# loops: while, break, continue, for-else is not needed here
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
    print("i =", i)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps:", steps)
for x in range(3):
    for y in range(3):
        if y > x:
            break
        print((x, y), end=" ")
print()
primes = []
for c in range(2, 40):
    is_p = True
    for p in primes:
        if p * p > c:
            break
        if c % p == 0:
            is_p = False
            break
    if is_p:
        primes.append(c)
print(primes)
acc = 1.0
for k in range(10):
    acc = acc / 2 + 1
print(acc)
