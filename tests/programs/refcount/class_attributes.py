# A class attribute holds a reference to its value; instances do not add more by reading it.
import sys
shared = []
class Holder:
    items = shared
print(sys.getrefcount(shared))
h1 = Holder()
h2 = Holder()
print(sys.getrefcount(shared))
h1.items = shared
print(sys.getrefcount(shared))
del Holder.items
print(sys.getrefcount(shared))
