# DEBUG_COLLECTABLE prints one stderr line per unreachable object found.
import gc
gc.disable()
class Node:
    pass
l = []
l.append(l)
a = Node()
b = Node()
a.o = b
b.o = a
del l, a, b
gc.set_debug(gc.DEBUG_COLLECTABLE)
print(gc.collect())
gc.set_debug(0)
print(gc.collect())
