# Tuples, dict values, dict keys and set members each hold one reference.
import sys
y = []
t = (y, y)
print(sys.getrefcount(y))
d = {"a": y, "b": y}
print(sys.getrefcount(y))
k = tuple([3, 4])
kd = {k: 1}
print(sys.getrefcount(k))
s = {k}
print(sys.getrefcount(k))
del t, d
print(sys.getrefcount(y))
kd.clear()
s.clear()
print(sys.getrefcount(k))
