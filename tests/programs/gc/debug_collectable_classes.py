# gc.DEBUG_COLLECTABLE prints one line per collected object: a class stands for its type,
# its __mro__ and __bases__ tuples, its dict and its __dict__/__weakref__ descriptors.
import gc
gc.disable()
class Base:
    pass
gc.collect()
gc.set_debug(gc.DEBUG_COLLECTABLE)
class Plain:
    pass
del Plain
print("a class:", gc.collect(), flush=True)
class Child(Base):
    pass
del Child
print("a subclass that adds no __dict__:", gc.collect(), flush=True)
class WithList:
    items = []
del WithList
print("a class whose body holds a list:", gc.collect(), flush=True)
class Slotted:
    __slots__ = ("x", "y")
del Slotted
print("a class with two slots:", gc.collect(), flush=True)
class Node:
    pass
n = Node()
n.self = n
del Node, n
print("a class and its instance in a cycle:", gc.collect(), flush=True)
gc.set_debug(0)
