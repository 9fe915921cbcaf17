# Objects with __del__ in a cycle are collected and each __del__ runs exactly once.
import gc
gc.disable()
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
a = Res("a")
b = Res("b")
a.other = b
b.other = a
del a, b
print("collecting")
print(gc.collect())
print(gc.garbage)
