# The article's Node cycle: gc.collect() finds the two instances.
import gc
gc.disable()
class Node:
    def __init__(self, value):
        self.value = value
        self.ref = None
n1 = Node(1)
n2 = Node(2)
n1.ref = n2
n2.ref = n1
del n1
del n2
print(gc.collect())
print(gc.collect())
