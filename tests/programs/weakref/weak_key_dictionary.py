# WeakKeyDictionary attaches data to objects without keeping them alive.
import weakref
class Widget:
    def __init__(self, name):
        self.name = name
meta = weakref.WeakKeyDictionary()
w1 = Widget("w1")
w2 = Widget("w2")
meta[w1] = {"clicks": 3}
meta[w2] = {"clicks": 0}
print(len(meta), meta[w1], w2 in meta)
del w1
print(len(meta), [k.name for k in meta.keys()])
del w2
print(len(meta), dict(meta))
