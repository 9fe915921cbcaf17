# The article's Leak object refers to itself; only the collector frees it, NoLeak goes at once.
import gc
gc.disable()
class Leak:
    def __init__(self):
        self.ref = self
class NoLeak:
    def __init__(self):
        self.ref = None
leak = Leak()
del leak
no_leak = NoLeak()
del no_leak
print(gc.collect())
