# collections.Counter and collections.defaultdict: counting words, grouping items.
from collections import Counter, defaultdict
import collections

text = "the cat and the hat and the bat sat on the mat"
words = text.split()
counts = Counter(words)
print(counts)
print(counts["the"], counts["zebra"], len(counts), "zebra" in counts)
print(counts.most_common(3))
for word, n in counts.most_common(2):
    print(f"{word:>5}: {'#' * n}")
counts["cat"] += 5
counts.update(["new", "new"])
counts.update({"the": 10})
print(counts.most_common(1), counts.total(), sorted(counts.elements())[:4])
counts.subtract(["the", "the"])
print(counts["the"], Counter(), Counter("mississippi"), Counter(a=2, b=1))
print(type(counts), isinstance(counts, dict), sorted(Counter([3, 1, 3, 2, 3, 1]).items()))
letters = Counter(c for c in "hello world" if c.isalpha())
print(letters.most_common(2), max(letters, key=letters.get))

freq = defaultdict(int)
for w in words:
    freq[w] += 1
print(freq["the"], freq["missing"], dict(freq) == dict(Counter(words)) | {"missing": 0})
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(groups)
print(sorted(groups.items()), groups.default_factory, type(groups))
seen = defaultdict(set)
seen["a"].add(1)
seen["a"].add(1)
print(seen, len(seen), seen.get("b"), "b" in seen)
print(defaultdict(int, {"x": 1}), defaultdict(), collections.Counter([1, 1, 2]).most_common(1))
by_first = defaultdict(lambda: 0)
by_first["q"] += 2
print(by_first["q"], dict(by_first))
print(type(counts).__name__, type(groups).__name__, type(counts), type(groups))
