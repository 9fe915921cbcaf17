# Resurrection from a refcount-triggered __del__: the object lives on, and __del__ is not run again.
import gc
saved = []
class Lazarus:
    def __del__(self):
        print("__del__ called")
        saved.append(self)
x = Lazarus()
del x
print(len(saved))
y = saved.pop()
del y
print(len(saved))
print("end")
