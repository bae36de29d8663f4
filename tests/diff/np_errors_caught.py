# NumPy's errors caught: LinAlgError (numpy.linalg), AxisError (a ValueError and an IndexError)
import numpy as np

tries = [
    ("inv of a non-square", lambda: np.linalg.inv(np.ones((2, 3)))),
    ("det of a stack of non-square", lambda: np.linalg.det(np.ones((2, 2, 3)))),
    ("matrix_power of a non-square", lambda: np.linalg.matrix_power(np.ones((2, 3)), 2)),
    ("inv of a vector", lambda: np.linalg.inv(np.ones(3))),
    ("unique along a missing axis", lambda: np.unique(np.ones((2, 2)), axis=3)),
    ("solve a singular system", lambda: np.linalg.solve(np.zeros((2, 2)), np.ones(2))),
    ("inv of a singular matrix", lambda: np.linalg.inv(np.array([[1.0, 2.0], [2.0, 4.0]]))),
    ("reshape", lambda: np.arange(6).reshape(4, 2)),
    ("broadcast", lambda: np.ones(3) + np.ones(4)),
    ("dot", lambda: np.dot(np.ones((2, 3)), np.ones((2, 3)))),
    ("index", lambda: np.arange(3)[7]),
]
for title, f in tries:
    try:
        f()
    except Exception as e:
        print(title, "->", type(e).__name__, type(e).__module__, repr(e), "|", e)

try:
    np.linalg.inv(np.zeros((3, 3)))
except np.linalg.LinAlgError as e:
    print("caught LinAlgError:", e, isinstance(e, ValueError), isinstance(e, Exception))

for cls in (np.AxisError, ValueError, IndexError):
    try:
        np.unique(np.ones((2, 2)), axis=-3)
    except cls as e:
        print("caught as", cls.__name__ + ":", e, e.args)

e = np.AxisError(2, 1, "my prefix")
print(str(e), repr(e), e.axis, e.ndim)
e = np.AxisError("just a message")
print(str(e), repr(e), e.axis)
print(issubclass(np.AxisError, ValueError), issubclass(np.AxisError, IndexError), np.linalg.LinAlgError.__name__)

try:
    np.random.choice(3, 5, replace=False)
except ValueError as e:
    print("choice:", e)

# the kernels' axis checks raise numpy.AxisError too
a = np.ones((2, 2))
for title, f in [("mean", lambda: a.mean(axis=2)), ("sum", lambda: np.sum(a, axis=-3)),
                 ("argmax", lambda: a.argmax(axis=5)), ("transpose", lambda: a.transpose(0, 2)),
                 ("cumsum", lambda: np.cumsum(a, axis=2))]:
    try:
        f()
    except IndexError as e:
        print(title, "->", type(e).__name__, repr(e), "|", e, isinstance(e, ValueError))
