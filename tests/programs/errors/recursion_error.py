# Unbounded recursion ends with RecursionError and a traceback that collapses repeated frames.
def forever(n):
    return forever(n + 1)
forever(0)
