# getattr / hasattr / setattr, __name__ of builtins, iterator type names, dict.fromkeys
import math
print(hasattr(math, "pi"), hasattr(math, "nope"), hasattr([], "append"), hasattr("x", "zz"))
print(getattr(math, "pi"), getattr(math, "nope", 5), getattr([1], "nope", None))
print(getattr("abc", "upper")(), getattr([3, 1, 2], "index")(2), callable(getattr(math, "sqrt")))
setattr(math, "my_value", 3)
print(math.my_value, getattr(math, "my_value"))
name = "sqrt"
print(getattr(math, name)(16), [getattr(str, m)("Ab") for m in ["upper", "lower", "swapcase"]])
print(abs.__name__, len.__name__, type(len).__name__, type(print).__name__)
def my_func():
    return 1
print(my_func.__name__, type(my_func).__name__, type(lambda: 0).__name__)
print(type(iter([])).__name__, type(iter(())).__name__, type(reversed([1])).__name__, type(reversed("ab")).__name__)
print(type(zip()).__name__, type(map(str, [])).__name__, type(enumerate([])).__name__, type(filter(None, [])).__name__)
print(type({}.keys()).__name__, type(range(3)).__name__, type(type(1)).__name__)
print(dict.fromkeys("ab"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), "x"), dict.fromkeys([]))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(3))))
print(list(zip([1, 2], "ab", strict=True)), list(zip(strict=True)), list(zip([], [], strict=True)))
print(sorted([3, 1, 2], reverse=1), sorted([3, 1, 2], reverse=0), sorted("bca", reverse=True))
xs = [2, 3, 1]
xs.sort(reverse=1)
print(xs)
