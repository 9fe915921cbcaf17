# A weakref callback fires when the collector frees a cycle, before the object is cleared.
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
def report(ref):
    print("callback: node collected")
n = Node("n")
n.self = n
watcher = weakref.ref(n, report)
del n
print("before collect")
print(gc.collect())
print(watcher())
