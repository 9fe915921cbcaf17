# Cycles made of lists and dicts: a self-containing list, two lists, a self-containing dict.
import gc
gc.disable()
l = []
l.append(l)
del l
print(gc.collect())
x = []
y = [x]
x.append(y)
del x, y
print(gc.collect())
d = {}
d["self"] = d
del d
print(gc.collect())
ring = [[] for _ in range(10)]
for i in range(10):
    ring[i].append(ring[(i + 1) % 10])
del ring
print(gc.collect())
