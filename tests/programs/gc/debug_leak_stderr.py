# DEBUG_LEAK prints collectable objects and saves them in gc.garbage.
import gc
gc.disable()
class Cell:
    pass
c = Cell()
c.me = c
del c
gc.set_debug(gc.DEBUG_LEAK)
print(gc.collect())
gc.set_debug(0)
print(gc.garbage)
gc.garbage.clear()
