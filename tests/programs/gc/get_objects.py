# get_objects lists tracked objects; the objects a program creates appear in it.
import gc
gc.disable()
class Marker:
    pass
m = Marker()
objs = gc.get_objects()
print(any(o is m for o in objs), isinstance(objs, list))
gc.collect()
print(any(o is m for o in gc.get_objects(2)), any(o is m for o in gc.get_objects(0)))
