# Dicts start untracked and become tracked when they receive a container; a full collection untracks them again.
import gc
gc.disable()
print(gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}), gc.is_tracked({"a": ()}), gc.is_tracked({"a": {}}))
d = {"x": 1}
print(gc.is_tracked(d))
d["lst"] = []
print(gc.is_tracked(d))
del d["lst"]
print(gc.is_tracked(d))
gc.collect(1)
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
