# Creating enough garbage cycles triggers automatic collections at threshold 0.
import gc
gc.collect()
gc.set_threshold(100, 10, 10)
class C:
    pass
events = []
def cb(phase, info):
    if phase == "stop":
        events.append((info["generation"], info["collected"]))
gc.callbacks.append(cb)
for _ in range(1000):
    c = C()
    c.me = c
del c
gc.callbacks.remove(cb)
print(len(events) > 0, all(g == 0 for g, _ in events[:5]))
print(sum(n for _, n in events) >= 900)
gc.disable()
gc.set_threshold(700, 10, 10)
