# Requests for absurd amounts of memory raise MemoryError (or CPython's OverflowError), and the program goes on.


def attempt(label, make):
    try:
        make()
    except (MemoryError, OverflowError) as e:
        print(label, type(e).__name__, e)


attempt("[0] * 10**12", lambda: [0] * 10**12)
attempt("'x' * 10**15", lambda: "x" * 10**15)
attempt("b'x' * 10**15", lambda: b"x" * 10**15)
attempt("bytes(10**13)", lambda: bytes(10**13))
attempt("(0,) * 10**12", lambda: (0,) * 10**12)
attempt("list(range(10**12))", lambda: list(range(10**12)))
attempt("tuple(range(10**12))", lambda: tuple(range(10**12)))
attempt("[0] * 2**62", lambda: [0] * 2**62)
attempt("[None] * 2**40 + [1]", lambda: [None] * 2**40 + [1])
attempt("'x' * 2**40 + 'y'", lambda: "x" * 2**40 + "y")
attempt("'x'.ljust(10**15)", lambda: "x".ljust(10**15))
attempt("'x'.center(10**15)", lambda: "x".center(10**15))
attempt("'x'.zfill(10**15)", lambda: "x".zfill(10**15))
print("still running:", sum(range(10)))
