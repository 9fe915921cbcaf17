# Refcounts through several container kinds, following the article's a/b/c example.
import sys
a = []
b = a
c = a
del b
print(sys.getrefcount(a))
l = [a, a]
print(sys.getrefcount(a))
t = (a,)
print(sys.getrefcount(a))
d = {"k": a}
print(sys.getrefcount(a))
del l, t, d
print(sys.getrefcount(a))
del c
print(sys.getrefcount(a))
