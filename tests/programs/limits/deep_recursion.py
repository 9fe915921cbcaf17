# Deep recursion raises RecursionError, in Python calls and in repr, comparison and str of deeply nested containers.
import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("call:", e)

nested = []
for _ in range(100000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("repr:", e)

a = []
b = []
for _ in range(100000):
    a = [a]
    b = [b]
try:
    a == b
except RecursionError as e:
    print("compare:", e)

d = {}
for _ in range(100000):
    d = {1: d}
try:
    str(d)
except RecursionError as e:
    print("str of dict:", e)

# Hashing a deeply nested tuple works in CPython (its tuple hash recursion is native).
t = ()
for _ in range(100000):
    t = (t,)
print("hash:", type(hash(t)).__name__)

print("limit still", sys.getrecursionlimit())
print("after:", down.__name__, len(repr([[1]])))
