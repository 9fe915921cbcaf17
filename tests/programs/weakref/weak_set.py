# WeakSet members vanish when the objects are freed.
import weakref
class Listener:
    def __init__(self, name):
        self.name = name
listeners = weakref.WeakSet()
l1 = Listener("one")
l2 = Listener("two")
l3 = Listener("three")
for l in (l1, l2, l3):
    listeners.add(l)
del l
print(len(listeners), sorted(x.name for x in listeners))
del l2
print(len(listeners), sorted(x.name for x in listeners), l1 in listeners)
listeners.discard(l1)
print(len(listeners))
del l3
print(len(listeners), list(listeners))
