# The repr of a live and a dead weak reference.
import weakref
class Thing:
    pass
t = Thing()
r = weakref.ref(t)
print(r)
del t
print(r)
