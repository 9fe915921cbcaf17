# An iterator holds its container while iterating and releases it when exhausted.
import sys
items = [1, 2, 3]
print(sys.getrefcount(items))
it = iter(items)
print(sys.getrefcount(items))
next(it)
print(sys.getrefcount(items))
list(it)
print(sys.getrefcount(items))
for x in items:
    print(x, sys.getrefcount(items))
print(sys.getrefcount(items))
