# count0 grows by one per allocated container and shrinks when containers are freed.
import gc
gc.disable()
class C:
    pass
gc.collect()
start = gc.get_count()[0]
keep = [C() for _ in range(50)]
print(gc.get_count()[0] - start)
more = [[] for _ in range(100)]
print(gc.get_count()[0] - start)
nums = [10 ** 20 + i for i in range(100)]
print(gc.get_count()[0] - start)
del keep
print(gc.get_count()[0] - start)
