# A callback that raises is reported as 'Exception ignored' and the collection goes on.
import gc
gc.disable()
def bad(phase, info):
    if phase == "start":
        raise RuntimeError("callback failed")
def good(phase, info):
    print("good callback", phase, info["generation"])
gc.callbacks.extend([bad, good])
print(gc.collect())
gc.callbacks.clear()
print("after")
