from collections import deque
import collections
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
q = deque(maxlen=3)
for i in range(6):
    q.append(i)
    print(q)
q.appendleft(-1)
print(q, q.maxlen, deque().maxlen)
print(deque([1, 2, 3], maxlen=2), repr(deque()), deque('ab'))
d = deque()
d.append(d)
print(d)
d = deque([1, 2, 3, 4])
d.rotate(1); print(d)
d.rotate(-2); print(d)
print(d == deque([2, 3, 4, 1]), d == [2, 3, 4, 1], bool(deque()), bool(d), 3 in d, 9 in d)
d.extendleft([7, 8]); print(d, d.maxlen, type(d).__name__, list(reversed(d)))
d.extend(range(2)); print(d, d.count(1), d.index(4))
d.remove(7); d[0] = 'x'; del d[1]; print(d)
print(deque([1, 2], maxlen=5) + deque([3]))
e = d.copy(); e.clear(); print(d, e)
d.reverse(); print(d, list(d), sorted(deque([3, 1, 2])), sum(deque([1, 2])))
window = deque(maxlen=3)
avgs = []
for x in [1, 2, 3, 4, 5, 6]:
    window.append(x)
    avgs.append(sum(window) / len(window))
print(avgs)
bfs = deque([(0, 0)])
seen = {(0, 0)}
while bfs:
    x, y = bfs.popleft()
    for nx, ny in [(x + 1, y), (x, y + 1)]:
        if nx <= 2 and ny <= 2 and (nx, ny) not in seen:
            seen.add((nx, ny))
            bfs.append((nx, ny))
print(len(seen))
big = deque()
for i in range(100):
    big.appendleft(i)
    if i % 3 == 0:
        big.pop()
print(len(big), big[0], big[-1], list(big)[:5])
