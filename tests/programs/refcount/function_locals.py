# Locals of a running function hold references like globals do.
import sys
def f():
    z = []
    print(sys.getrefcount(z))
    w = z
    print(sys.getrefcount(z))
    v = [z, z]
    print(sys.getrefcount(z))
    del w, v
    print(sys.getrefcount(z))
f()
