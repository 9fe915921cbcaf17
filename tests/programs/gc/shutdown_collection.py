# At exit the interpreter runs a final full collection: callbacks see it and cyclic __del__s run.
import gc
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
