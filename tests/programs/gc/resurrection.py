# A __del__ that stores self resurrects the object; __del__ does not run a second time.
import gc
gc.disable()
survivors = []
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        survivors.append(self)
a = Phoenix("a")
b = Phoenix("b")
a.other = b
b.other = a
del a, b
print(gc.collect())
print([p.name for p in survivors])
survivors.clear()
print(gc.collect())
print(gc.collect())
