# Finalizers in a garbage cycle run before any object is cleared, so attributes are still there.
import gc
gc.disable()
class Part:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(f"{self.name}.__del__ sees partner {self.partner.name}")
x = Part("x")
y = Part("y")
x.partner = y
y.partner = x
del x, y
print(gc.collect())
