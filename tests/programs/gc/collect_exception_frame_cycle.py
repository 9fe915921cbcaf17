# Keeping a caught exception in a local of its own frame creates a cycle through the traceback.
import gc
gc.disable()
def keep():
    try:
        raise ValueError("kept")
    except ValueError as e:
        saved = e
    return saved
err = keep()
print(type(err.__traceback__).__name__)
del err
print(gc.collect())
def self_cycle():
    try:
        1 / 0
    except ZeroDivisionError as e:
        exc = e
self_cycle()
print(gc.collect())
