# PEP 442: __del__ of an object in a cycle may resurrect it; it is not called again when
# the object becomes garbage a second time, and the next collection frees it.
import gc
gc.disable()
saved = []
class Phoenix:
    def __del__(self):
        print("__del__ runs, resurrecting")
        saved.append(self)
p = Phoenix()
p.me = p
del p
print("first collection:", gc.collect())
print("resurrected:", len(saved), "finalized:", gc.is_finalized(saved[0]))
saved.clear()
print("second collection:", gc.collect())
print("saved:", saved)
