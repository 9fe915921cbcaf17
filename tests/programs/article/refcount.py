# Article sample 2 (verbatim): sys.getrefcount as names are added and deleted.
import sys

a = []
b = a
c = a

print(sys.getrefcount(a))  # Output: 4 (the function itself adds 1 reference)

del b
print(sys.getrefcount(a))  # Output: 3

del c
print(sys.getrefcount(a))  # Output: 2
