# recursion and classic beginner algorithms
# ---- from p04.py
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
moves = []
def hanoi(n, a, b, c):
    if n == 0:
        return
    hanoi(n - 1, a, c, b)
    moves.append((a, c))
    hanoi(n - 1, b, a, c)
print([fib(i) for i in range(15)])
print(fact(20), fact(15) // fact(13))
hanoi(4, "A", "B", "C")
print(len(moves), moves[:5])
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(power_set([1, 2, 3]))
def flatten(x):
    out = []
    for e in x:
        if isinstance(e, list):
            out.extend(flatten(e))
        else:
            out.append(e)
    return out
print(flatten([1, [2, [3, [4, []]], 5]]))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(48, 18), gcd(17, 5))
# ---- from p23.py
def bubble(xs):
    xs = xs[:]
    n = len(xs)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swapped = True
        if not swapped:
            break
    return xs
def bsearch(xs, t):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == t:
            return mid
        elif xs[mid] < t:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
data = [5, 2, 9, 1, 5, 6, -3, 0]
s = bubble(data)
print(data, s, bsearch(s, 6), bsearch(s, 7))
def qsort(xs):
    if len(xs) <= 1:
        return xs
    p, *rest = xs
    return qsort([x for x in rest if x < p]) + [p] + qsort([x for x in rest if x >= p])
print(qsort(data), qsort([]), qsort(list("banana")))
def primes(n):
    sieve = [True] * (n + 1)
    sieve[0:2] = [False, False]
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(sieve[i * i::i])
    return [i for i, p in enumerate(sieve) if p]
print(primes(50))
def memo_fib():
    cache = {}
    def fib(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        cache[n] = r
        return r
    return fib
print(memo_fib()(90))
# ---- from p28.py
stack = []
for tok in "3 4 + 2 * 7 -".split():
    if tok in "+-*/":
        b, a = stack.pop(), stack.pop()
        stack.append(a + b if tok == "+" else a - b if tok == "-" else a * b if tok == "*" else a / b)
    else:
        stack.append(int(tok))
print(stack)
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = []
    for c in s:
        if c in "([{":
            st.append(c)
        elif c in pairs:
            if not st or st.pop() != pairs[c]:
                return False
    return not st
print([balanced(s) for s in ["()", "([]{})", "(]", "((", "", "a(b)c"]])
queue = [1]
seen = []
while queue:
    n = queue.pop(0)
    if n > 20 or n in seen:
        continue
    seen.append(n)
    queue += [n * 2, n * 3]
print(seen, len(seen))
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}
def dfs(g, s, vis=None):
    if vis is None:
        vis = []
    vis.append(s)
    for nb in g[s]:
        if nb not in vis:
            dfs(g, nb, vis)
    return vis
print(dfs(graph, "a"), dfs(graph, "c"))
def to_binary(n):
    return "0" if n == 0 else (to_binary(n // 2) if n > 1 else "") + str(n % 2)
print([to_binary(n) for n in [0, 1, 5, 255]], [bin(n)[2:] for n in [0, 1, 5, 255]])
def roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out
print([roman(n) for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]])
