# WeakValueDictionary entries disappear when their values are freed.
import weakref
class Image:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Image({self.name})"
cache = weakref.WeakValueDictionary()
a = Image("a")
b = Image("b")
cache["a"] = a
cache["b"] = b
print(len(cache), sorted(cache.keys()), cache["a"])
del a
print(len(cache), list(cache.keys()), "a" in cache)
print(cache.get("a", "missing"))
try:
    cache["a"]
except KeyError as e:
    print("KeyError:", e)
b2 = cache["b"]
del b
print(list(cache.items()))
del b2
print(len(cache))
