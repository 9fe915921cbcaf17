# A generator cycle is freed by its own finalizer (close) during collection, so collect() counts 0.
import gc
gc.disable()
class Marker:
    def __del__(self):
        print("marker freed")
def gen():
    m = Marker()
    me = yield
    yield me
g = gen()
next(g)
g.send(g)
del g
print("collecting")
print(gc.collect())
print("after")
