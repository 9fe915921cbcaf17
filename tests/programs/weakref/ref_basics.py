# A weak reference returns its object while alive and None once it is freed.
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
o = Obj("target")
r = weakref.ref(o)
print(r() is o, r().name)
print(type(r).__name__, r.__callback__)
del o
print(r())
print(r() is None)
