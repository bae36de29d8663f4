# try/except/else/finally: which blocks run, in which order
def run(f):
    try:
        r = f()
    except ZeroDivisionError:
        print("  zero division")
    except (KeyError, IndexError) as e:
        print("  lookup:", type(e).__name__, e)
    except ValueError as e:
        print("  value:", e, e.args)
    except Exception as e:
        print("  other:", type(e).__name__, repr(e))
    else:
        print("  no error, got", r)
    finally:
        print("  finally")

run(lambda: 1 / 0)
run(lambda: {}["missing"])
run(lambda: [1, 2][5])
run(lambda: int("abc"))
run(lambda: "a" + 1)
run(lambda: 42)
run(lambda: undefined_name)
run(lambda: (1).nope)

# the `as` name is unbound after the handler (Python 3)
try:
    1 / 0
except ZeroDivisionError as err:
    print("caught", err)
try:
    err
except NameError as e2:
    print("NameError:", e2)

# bare except catches everything, including a raise of a class
try:
    raise KeyError
except:
    print("bare except")

# nested try: the inner one does not match, the outer one does
try:
    try:
        [][0]
    except KeyError:
        print("not here")
    finally:
        print("inner finally")
except LookupError as e:
    print("outer caught", repr(e))

# the state after a caught error is intact
xs = [1, 2, 3]
for i in range(5):
    try:
        xs[i] *= 10
    except IndexError:
        xs.append(i)
print(xs)

# an error in else is not caught by the handlers of the same try
try:
    try:
        pass
    except ValueError:
        print("no")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("outer:", e)

# except with a class in a variable, and a tuple built at run time
kinds = (TypeError, ValueError)
for v in ["3", "x", None]:
    try:
        print(int(v))
    except kinds as e:
        print(type(e).__name__ + ":", e)

# a loop with try and continue/break
total = 0
for s in ["1", "2", "x", "4", "stop", "5"]:
    try:
        if s == "stop":
            break
        total += int(s)
    except ValueError:
        continue
    finally:
        print("visited", s)
print("total", total)
