# Each instance holds a reference to its class.
import sys
class Thing:
    pass
base = sys.getrefcount(Thing)
things = [Thing() for _ in range(5)]
print(sys.getrefcount(Thing) - base)
del things[:2]
print(sys.getrefcount(Thing) - base)
things.clear()
print(sys.getrefcount(Thing) - base)
