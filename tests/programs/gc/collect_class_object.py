# A class object is part of cycles of its own (its __mro__, dict and descriptors).
import gc
gc.disable()
class K:
    pass
del K
print(gc.collect())
