# A generator's suspended frame keeps its locals alive until it finishes.
import sys
data = []
def gen(x):
    yield 1
    yield 2
print(sys.getrefcount(data))
g = gen(data)
print(sys.getrefcount(data))
next(g)
print(sys.getrefcount(data))
list(g)
print(sys.getrefcount(data))
g2 = gen(data)
next(g2)
del g2
print(sys.getrefcount(data))
