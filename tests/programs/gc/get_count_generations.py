# get_count after explicit collections of each generation.
import gc
gc.disable()
gc.collect()
print(gc.get_count()[1:])
gc.collect(0)
print(gc.get_count()[1:])
gc.collect(0)
print(gc.get_count()[1:])
gc.collect(1)
print(gc.get_count()[1:])
gc.collect(2)
print(gc.get_count()[1:])
