# str.expandtabs / isidentifier / istitle / isascii / casefold, positional-only justify
print("a\tb\tc".expandtabs(4), "ab\tc\td\n\te".expandtabs(), repr("x\ty".expandtabs(0)), "é\tx".expandtabs(3))
print(repr("12345\t|".expandtabs(4)), repr("\t".expandtabs(2)), repr("a\r\tb".expandtabs(4)))
print("x1".isidentifier(), "1x".isidentifier(), "_".isidentifier(), "".isidentifier(), "a-b".isidentifier(), "if".isidentifier())
print("Hello World".istitle(), "Hello world".istitle(), "HeLLo".istitle(), "A1 B".istitle(), "".istitle(), "123".istitle(), "They'Re".istitle())
print("".isascii(), "abc".isascii(), "é".isascii(), "~\x7f".isascii(), "ABC".casefold(), "MiXeD 123".casefold())
for w in ["total", "Name", "x_1", "2nd", "Title Case"]:
    print(w.ljust(12, ".") + "|" + w.rjust(12) + "|" + w.center(13, "*") + "|", w.isidentifier(), w.istitle())
