# weakref.finalize runs its function once, when the object dies or when called.
import weakref
class Resource:
    pass
def cleanup(name, *, verbose=False):
    print("cleanup", name, "verbose" if verbose else "")
    return name.upper()
r = Resource()
f = weakref.finalize(r, cleanup, "first", verbose=True)
print(f.alive)
del r
print(f.alive)
r2 = Resource()
f2 = weakref.finalize(r2, cleanup, "second")
print(f2())
print(f2.alive, f2())
r3 = Resource()
f3 = weakref.finalize(r3, cleanup, "third")
print(f3.detach()[2])
del r3
print("third was detached")
