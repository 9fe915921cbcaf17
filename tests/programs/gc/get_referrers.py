# get_referrers finds tracked containers that hold a reference to an object.
import gc
gc.disable()
target = []
holder_list = [target]
holder_dict = {"t": target}
class H:
    pass
h = H()
h.t = target
refs = gc.get_referrers(target)
print(any(r is holder_list for r in refs), any(r is holder_dict for r in refs))
