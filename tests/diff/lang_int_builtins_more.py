# hex/oct/bin, unbound methods (str.upper), math.comb/perm/isqrt/lcm/prod
import math
print(hex(255), oct(8), bin(5), hex(-1), bin(0), hex(True), oct(-9), bin(-10), hex(2**40))
print([bin(i) for i in range(5)], int(bin(42), 2), int(hex(3054), 16), bin(7)[2:].zfill(8))
print(str.upper("ab"), list(map(str.upper, ["a", "b"])), str.join(",", "ab"), list.append)
print(sorted(["b", "A", "c"], key=str.lower), list(map(str.strip, [" x ", "y "])), str.lower)
words = ["apple", "Banana", "cherry"]
print(list(map(str.capitalize, words)), list(map(len, words)), sorted(words, key=str.casefold if False else str.lower))
print(math.comb(10, 3), math.comb(60, 30), math.perm(6), math.perm(5, 0), math.comb(3, 5), math.perm(5, 2))
print(math.isqrt(0), math.isqrt(17), math.isqrt(10**18), math.lcm(4, 6), math.lcm(), math.lcm(0, 5), math.lcm(3, 5, 7))
print(math.prod([]), math.prod([1.5, 2]), math.prod(range(1, 11)), math.prod([2, 3], start=10))
print(math.gcd(12, 18), math.factorial(10), math.comb(5, 2) == math.factorial(5) // (math.factorial(2) * math.factorial(3)))
