# sorting stability, key/reverse, min/max with keys
# ---- from p06.py
recs = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(recs))
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted(recs, key=lambda r: (-r[1], r[0])))
words = ["pear", "Fig", "apple", "date", "Kiwi"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
print(max(words, key=len), min(words, key=len), max(words), min(words, key=str.lower))
scores = {"ann": 90, "bob": 72, "cy": 90}
print(max(scores, key=scores.get), min(scores, key=lambda k: scores[k]))
print(max(scores.values()), min(scores.items(), key=lambda kv: kv[1]))
print(max([], default=0), min([3], default=9), max(1, 2, 3), min("bca"))
print(sorted([3.5, -1, 2, True, 0.0]))
print(sorted({3: "a", 1: "b"}), sorted("hello"), sorted((3, 1, 2), reverse=True))
# ---- from p27.py
scores = [("ann", 90), ("bob", 85), ("cy", 90), ("di", 70), ("ed", 85)]
ranked = sorted(scores, key=lambda s: s[1], reverse=True)
print(ranked)
by_score = {}
for name, sc in scores:
    by_score.setdefault(sc, []).append(name)
print(by_score, sorted(by_score.items(), reverse=True))
rank = 0; prev = None
for i, (n, s) in enumerate(ranked):
    if s != prev:
        rank = i + 1
        prev = s
    print(f"{rank}. {n:<4}{s:>4}")
avg = sum(s for _, s in scores) / len(scores)
print(f"average {avg:.2f}", round(avg, 1), [n for n, s in scores if s > avg])
hist = [0] * 5
for _, s in scores:
    hist[(s - 50) // 10] += 1
for i, h in enumerate(hist):
    print(f"{50 + 10 * i:3}-{59 + 10 * i:<3} {'*' * h}")
pairs = list(zip(*scores))
print(pairs, max(pairs[1]), pairs[0].index("cy"))
names, vals = zip(*scores)
print(names, vals, list(zip(names, vals))[:2])
print(sorted(scores, key=lambda s: s[0], reverse=True)[:2], sorted(scores)[-1])
