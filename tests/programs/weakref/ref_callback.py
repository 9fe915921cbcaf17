# A weakref callback runs with the dead reference when the referent is freed.
import weakref
class Obj:
    pass
def gone(ref):
    print("callback called, ref() ->", ref(), "| same ref:", ref is r)
o = Obj()
r = weakref.ref(o, gone)
print(r.__callback__ is gone)
print("deleting")
del o
print("after delete", r.__callback__)
