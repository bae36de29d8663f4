# rsplit, partition, rpartition, removeprefix/removesuffix, isnumeric/isdecimal
for s in ["a-b-c", "a--b", "-a-", "", "abc", "a b  c ", "  x  y  "]:
    print(s.rsplit("-"), s.rsplit("-", 1), s.rsplit("-", 0), s.rsplit(), s.rsplit(None, 1), s.rsplit(maxsplit=2))
    print(s.partition("-"), s.rpartition("-"), s.partition("b"), s.rpartition(" "))
    print(s.removeprefix("a"), s.removesuffix("c"), s.removeprefix(""), s.isnumeric(), s.isdecimal())
print("aXbXc".rsplit("X", 1), "ab::cd::ef".rsplit("::", 1), "aaa".rsplit("aa", 1), "aaa".split("aa", 1))
print("file.tar.gz".rpartition("."), "key=value=x".partition("="))
path = "/home/user/data/file.csv"
folder, _, fname = path.rpartition("/")
stem, dot, ext = fname.partition(".")
print(folder, fname, stem, ext)
print("123".isnumeric(), "12.5".isdecimal(), "x1".isnumeric())
line = "name: Ann Lee : age 30"
key, sep, rest = line.partition(":")
print(repr(key), repr(sep), repr(rest.strip()))
print("test_file.py".removesuffix(".py"), "test_file.py".removeprefix("test_"), "abc".removeprefix("abcd"))
print("one two three four".rsplit(" ", 2), "1,2,3".rsplit(",", maxsplit=1))
