# With nothing unreachable, gc.collect() returns 0 and refcounting already freed acyclic garbage.
import gc
gc.disable()
print(gc.collect())
data = [[i] for i in range(100)]
del data
print(gc.collect())
class A:
    pass
a = A()
a.b = A()
del a
print(gc.collect())
