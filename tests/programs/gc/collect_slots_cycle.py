# Instances with __slots__ in a cycle are collected without any dicts.
import gc
gc.disable()
class S:
    __slots__ = ("other",)
a = S()
b = S()
a.other = b
b.other = a
del a, b
print(gc.collect())
