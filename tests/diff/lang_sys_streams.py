# print(file=...) and the sys.stdout / sys.stderr streams (only stdout is compared).
import sys
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
print("default file", file=None)
n = sys.stdout.write("written\n")
print(n, sys.stdout.write(""))
sys.stdout.flush()
sys.stderr.write("err line\n")
print(sys.stdout)
print(type(sys.stdout))
print("a", "b", sep="-", end="!\n", file=sys.stdout, flush=True)
