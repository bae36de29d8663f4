# the traceback module: format_exc's last line is Python's; print_exc writes to stderr
import traceback


def load(cfg, key):
    return cfg[key]


for key in ["lr", "epochs"]:
    try:
        print(key, load({"lr": 0.1}, key))
    except KeyError:
        report = traceback.format_exc()
        print(report.startswith("Traceback (most recent call last):"), report.endswith("\n"))
        print("last line:", report.strip().splitlines()[-1])
        traceback.print_exc()

try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("bad config") from e
except RuntimeError:
    lines = traceback.format_exc().strip().splitlines()
    print(lines[-1])
    print(sum(1 for l in lines if l.startswith("ValueError")))
    print(any("direct cause" in l for l in lines))

print(repr(traceback.format_exc()))

import sys
print(sys.exc_info())
try:
    [].pop()
except IndexError:
    t, v, tb = sys.exc_info()
    print(t, repr(v), t is IndexError)
print(sys.exc_info())
