# get_referents follows what an object's traverse visits (list items last to first).
import gc
print(gc.get_referents([1, "s", (2,)]))
print(gc.get_referents((10, 20)))
print(gc.get_referents({"a": 1, "b": [2]}))
print(gc.get_referents({1: "x"}))
print(gc.get_referents(42, "str"))
class P:
    pass
p = P()
p.x = "attr"
refs = gc.get_referents(p)
print(refs[0], refs[-1] is P)
