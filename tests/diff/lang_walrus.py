# Assignment expressions (:=), Python 3.8+.
if (n := len("hello")) > 3:
    print("long:", n)
data = [1, 5, 2, 8]
while (item := data.pop()) != 5:
    print("got", item)
print(item, data)
print([y := 5, y ** 2], (w := 4) + w)
squares = [s for x in range(6) if (s := x * x) % 2]
print(squares, s)
def running_totals(xs):
    total = 0
    sums = [total := total + x for x in xs]
    return sums, total
print(running_totals([3, 1, 4, 1, 5]))
print(any((hit := v) > 6 for v in [1, 7, 9]), hit)
print(f"{(half := 10 / 4)} {half * 2}", len(word := "tensor"), word)
