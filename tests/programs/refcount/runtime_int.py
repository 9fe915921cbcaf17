# Ints built at run time (outside the small-int cache) are counted like other objects.
import sys
n = int("987654321")
print(sys.getrefcount(n))
m = n
print(sys.getrefcount(n))
lst = [n] * 4
print(sys.getrefcount(n))
del m, lst
print(sys.getrefcount(n))
big = 10 ** int("30")
print(sys.getrefcount(big))
