# Weakrefs compare by referent while alive; getweakrefcount counts them.
import weakref
class K:
    pass
a = K()
r1 = weakref.ref(a)
r2 = weakref.ref(a)
print(r1 is r2, r1 == r2, weakref.getweakrefcount(a))
def cb(ref):
    pass
r3 = weakref.ref(a, cb)
print(r3 is r1, r3 == r1, weakref.getweakrefcount(a), len(weakref.getweakrefs(a)))
print(hash(r1) == hash(a))
del a
print(r1 == r2, r1 == r3, weakref.getweakrefcount(K()))
