# __del__ order: a chain freed by reference counting runs head first; a cycle found by
# the collector runs __del__ of every member before any is cleared.
import gc
gc.disable()
class Link:
    def __init__(self, name, nxt=None):
        self.name = name
        self.nxt = nxt
    def __del__(self):
        print("del", self.name, "next is", self.nxt.name if self.nxt else None)
chain = Link("head", Link("middle", Link("tail")))
del chain
print("-- cycle")
a = Link("a"); b = Link("b", a); a.nxt = b
del a, b
print("collected", gc.collect())
