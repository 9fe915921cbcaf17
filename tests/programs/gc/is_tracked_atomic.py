# Atomic objects are never tracked; containers and instances are.
import gc
class C:
    pass
class S:
    __slots__ = ()
def f():
    pass
values = [0, 10 ** 30, 1.5, "str", b"bytes", None, True, range(3), object(), int,
          [], set(), frozenset(), C(), S(), C, f, lambda: 0, iter([]), slice(1), [].append, len]
for v in values:
    print(type(v).__name__, gc.is_tracked(v))
