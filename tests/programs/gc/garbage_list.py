# gc.garbage is an ordinary list; in 3.11 objects with __del__ do not end up in it.
import gc
gc.disable()
print(type(gc.garbage).__name__, gc.garbage)
class D:
    def __del__(self):
        pass
d = D()
d.me = d
del d
print(gc.collect(), gc.garbage)
