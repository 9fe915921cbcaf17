# When an object dies, weakref callbacks are cleared after __del__ runs, and both see CPython's order.
import weakref
class Obj:
    def __init__(self):
        self.ref = weakref.ref(self)
    def __del__(self):
        print("__del__, own weakref alive:", self.ref() is self)
def cb(r):
    print("callback, referent:", r())
o = Obj()
w = weakref.ref(o, cb)
del o
print("end")
