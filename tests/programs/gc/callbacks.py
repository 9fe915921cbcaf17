# gc.callbacks receive 'start' and 'stop' with generation, collected and uncollectable.
import gc
gc.disable()
log = []
def cb(phase, info):
    log.append((phase, dict(info)))
gc.callbacks.append(cb)
class C:
    pass
c = C()
c.me = c
del c
print(gc.collect())
gc.collect(0)
gc.callbacks.remove(cb)
gc.collect()
for entry in log:
    print(entry)
