# gc.collect and friends reject bad arguments with CPython's messages.
import gc
for bad in [3, -1]:
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.collect("2")
except TypeError as e:
    print("TypeError:", e)
try:
    gc.collect(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    gc.enable(1)
except TypeError as e:
    print("TypeError:", e)
try:
    gc.is_tracked()
except TypeError as e:
    print("TypeError:", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError:", e)
try:
    gc.get_objects(generation=3)
except ValueError as e:
    print("ValueError:", e)
print(gc.collect(True) >= 0)
