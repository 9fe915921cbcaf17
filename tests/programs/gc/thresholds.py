# get_threshold defaults to (700, 10, 10); set_threshold changes only the given values.
import gc
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(100, 5, 2)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
try:
    gc.set_threshold(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
