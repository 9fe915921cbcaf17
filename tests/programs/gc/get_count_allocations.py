# count0 grows by one per allocated container and shrinks when containers are freed.
# CPython's first print() in a process allocates gc objects that live on (the keyword
# tuple of print's argument parser, made at its first call), so one print comes before
# the measurements start.
import gc
gc.disable()
class C:
    pass
gc.collect()
print("counts of generation 0, relative to the start:")
start = gc.get_count()[0]
keep = [C() for _ in range(50)]
print(gc.get_count()[0] - start)
more = [[] for _ in range(100)]
print(gc.get_count()[0] - start)
nums = [10 ** 20 + i for i in range(100)]
print(gc.get_count()[0] - start)
del keep
print(gc.get_count()[0] - start)
