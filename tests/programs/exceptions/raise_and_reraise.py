# raise with classes and instances, bare raise re-raises the current exception.
def check(n):
    if n < 0:
        raise ValueError(f"negative: {n}")
    if n == 0:
        raise ZeroDivisionError
    return n
for v in [1, -1, 0]:
    try:
        print(check(v))
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, repr(e), str(e), e.args)
try:
    try:
        check(-5)
    except ValueError:
        print("logging and re-raising")
        raise
except ValueError as e:
    print("outer got", e)
try:
    raise TypeError("a", 1, None)
except TypeError as e:
    print(e.args, str(e))
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
