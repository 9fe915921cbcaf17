# A caught exception's traceback keeps the frame, and so its locals, alive.
import sys
class Marker:
    pass
def fail(obj):
    raise ValueError("boom")
m = Marker()
print(sys.getrefcount(m))
try:
    fail(m)
except ValueError as e:
    print(sys.getrefcount(m))
    saved = e
print(sys.getrefcount(m))
saved.__traceback__ = None
print(sys.getrefcount(m))
del saved
print(sys.getrefcount(m))
