# gc.set_threshold(0) turns automatic collection off even while gc is enabled.
import gc
gc.collect()
old = gc.get_threshold()
gc.set_threshold(0)
before = gc.get_stats()[0]["collections"]
class Node:
    pass
for i in range(5000):
    n = Node(); n.me = n
print(gc.isenabled(), gc.get_threshold())
print("automatic collections:", gc.get_stats()[0]["collections"] - before)
gc.set_threshold(*old)
print("collected by hand:", gc.collect() >= 4999)
