# freeze moves every tracked object to the permanent generation; unfreeze brings them back.
import gc
gc.disable()
gc.collect()
print(gc.get_freeze_count() == 0)
gc.freeze()
print(gc.get_freeze_count() > 0, gc.get_count())
class C:
    pass
c = C()
c.me = c
del c
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())
