# DEBUG_SAVEALL keeps collected objects in gc.garbage instead of freeing them.
import gc
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
a = Node("a")
b = Node("b")
a.o = b
b.o = a
del a, b
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.collect())
print(len(gc.garbage), sorted(n.name for n in gc.garbage))
print(gc.garbage[0])
gc.set_debug(0)
print(gc.collect())
gc.garbage.clear()
print(gc.collect())
