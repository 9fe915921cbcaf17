# gc.DEBUG_COLLECTABLE for instance cycles: one line per instance, plus one for each
# __dict__ that was materialised (read as obj.__dict__) before the collection.
import gc
gc.disable()
class Node:
    pass
gc.collect()
gc.set_debug(gc.DEBUG_COLLECTABLE)
a = Node(); b = Node(); c = Node()
a.next = b; b.next = c; c.next = a
del a, b, c
print("three instances:", gc.collect(), flush=True)
a = Node(); b = Node()
a.other = b; b.other = a
print(sorted(b.__dict__))
del a, b
print("one materialised dict:", gc.collect(), flush=True)
class Slot:
    __slots__ = ("peer",)
s = Slot(); t = Slot()
s.peer = t; t.peer = s
del s, t
print("slotted instances:", gc.collect(), flush=True)
gc.set_debug(0)
print("no output once the flag is off:", end=" ", flush=True)
x = Node(); x.me = x; del x
print(gc.collect())
