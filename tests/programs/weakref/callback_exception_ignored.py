# An exception in a weakref callback is reported on stderr and does not stop the program.
import weakref
class Obj:
    pass
def bad_callback(ref):
    raise RuntimeError("callback failed")
o = Obj()
r = weakref.ref(o, bad_callback)
del o
print("program continues", r())
