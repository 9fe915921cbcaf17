# is_finalized reports whether the collector already ran an object's __del__.
import gc
gc.disable()
observed = []
class F:
    def __del__(self):
        observed.append(gc.is_finalized(self))
        keep.append(self)
keep = []
f = F()
print(gc.is_finalized(f))
f.me = f
del f
gc.collect()
print(observed, gc.is_finalized(keep[0]))
