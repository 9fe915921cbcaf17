# The messages of the errors a learner meets most often.
import math
nothing = None
cases = [
    lambda: undefined_name,
    lambda: [1, 2][5],
    lambda: {"a": 1}["b"],
    lambda: int("12a"),
    lambda: float("abc"),
    lambda: "abc" + 5,
    lambda: len(5),
    lambda: nothing(),
    lambda: [].pop(),
    lambda: (1, 2).append(3),
    lambda: math.sqrt(-1),
    lambda: chr(-1),
    lambda: int(None),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: sum(["a"]),
    lambda: object() + 1,
    lambda: [1] * "a",
    lambda: "a".index("b"),
    lambda: {}.pop("x"),
    lambda: 1 << -1,
]
for c in cases:
    try:
        c()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
