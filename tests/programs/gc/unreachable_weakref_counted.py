# Weakrefs to garbage are cleared during collection; a callback on an outside weakref runs.
import gc
import weakref
gc.disable()
class Obj:
    pass
def on_dead(ref):
    print("callback: referent gone, ref() is", ref())
a = Obj()
a.me = a
r = weakref.ref(a, on_dead)
del a
print(gc.collect())
print(r())
b = Obj()
b.me = b
b.selfref = weakref.ref(b, on_dead)
del b
print(gc.collect())
