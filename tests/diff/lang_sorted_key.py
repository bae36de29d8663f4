# sorted with key and reverse; stability
nums = [5, -3, 2, -8, 0]
print(sorted(nums))
print(sorted(nums, reverse=True))
print(sorted(nums, key=abs))
print(sorted(nums, key=lambda v: -v))
words = ["banana", "Apple", "cherry", "fig", "date"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
recs = [("ann", 30), ("bob", 25), ("cid", 30), ("dan", 25)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: (-r[1], r[0])))
print(sorted("hello"), sorted((3, 1, 2)), sorted({"b": 1, "a": 2}))
print(sorted([2.5, 1, 1.5, True]))
print(min(words, key=len), max(words, key=len), max(nums, key=abs))
print(list(reversed(nums)), nums)
