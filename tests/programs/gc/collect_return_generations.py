# gc.collect(generation) only examines the generations up to the one given.
import gc
gc.disable()
class C:
    pass
gc.collect()
c = C()
c.me = c
gc.collect(0)
del c
print(gc.collect(0))
print(gc.collect(1))
d = C()
d.me = d
gc.collect(0)
gc.collect(1)
del d
print(gc.collect(0))
print(gc.collect(1))
print(gc.collect(2))
e = C()
e.me = e
del e
print(gc.collect(0))
print(gc.collect(generation=2))
