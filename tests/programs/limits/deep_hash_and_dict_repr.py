# Hashing a 100,000-deep tuple works as in CPython (no recursion check); repr of a 100,000-deep dict raises RecursionError.
t = ()
for _ in range(100000):
    t = (t,)
try:
    hash(t)
except RecursionError as e:
    print("RecursionError", e)
d = {}
for _ in range(100000):
    d = {"k": d}
try:
    repr(d)
except RecursionError as e:
    print("RecursionError", e)
l = []
l.append(l)
print(repr(l))
