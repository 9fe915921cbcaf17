# With gc disabled there is no callback-visible collection at exit, but module teardown still finalizes cycles.
import gc
gc.disable()
class Last:
    def __del__(self):
        print("Last.__del__ at shutdown")
def cb(phase, info):
    print("callback", phase, info)
x = Last()
x.me = x
del x
gc.callbacks.append(cb)
print("script body done")
