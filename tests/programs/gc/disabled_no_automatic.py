# With the collector disabled, cycles pile up until gc.collect() is called.
import gc
gc.disable()
gc.collect()
class C:
    pass
for _ in range(2000):
    c = C()
    c.me = c
del c
print(gc.collect())
print(gc.collect())
