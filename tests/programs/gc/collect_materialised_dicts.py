# Once instance __dict__s are materialised, they are collected with their owners.
import gc
gc.disable()
class Node:
    def __init__(self):
        self.ref = None
a = Node()
b = Node()
a.ref = b
b.ref = a
print(len(a.__dict__), len(b.__dict__))
del a, b
print(gc.collect())
