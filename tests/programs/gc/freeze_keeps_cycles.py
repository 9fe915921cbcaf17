# A cycle frozen before it became garbage is not collected until unfrozen.
import gc
gc.disable()
class C:
    pass
c = C()
c.me = c
gc.freeze()
del c
print(gc.collect())
gc.unfreeze()
print(gc.collect())
