# gc.callbacks get ("start", info) and ("stop", info) around each collection; info names
# the generation and, at "stop", the collected and uncollectable counts.
import gc
gc.disable()
seen = []
def cb(phase, info):
    seen.append((phase, info["generation"], info["collected"], info["uncollectable"]))
gc.callbacks.append(cb)
class Node:
    pass
for gen in (0, 1, 2):
    n = Node(); n.me = n; del n
    gc.collect(gen)
gc.callbacks.remove(cb)
gc.collect()
for s in seen:
    print(s)
