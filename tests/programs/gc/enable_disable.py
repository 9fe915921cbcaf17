# enable/disable toggle automatic collection; collect() still works while disabled.
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
class C:
    pass
c = C()
c.c = c
del c
print(gc.collect())
gc.enable()
print(gc.isenabled())
print(gc.enable(), gc.disable())
print(gc.isenabled())
