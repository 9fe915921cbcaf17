# List displays of constants are pre-sized (rounded up to even); displays of names are exact.
import sys
a = b = c = d = 0
print(sys.getsizeof([]))
print(sys.getsizeof([1]))
print(sys.getsizeof([1, 2]))
print(sys.getsizeof([1, 2, 3]))
print(sys.getsizeof([1, 2, 3, 4]))
print(sys.getsizeof([1, 2, 3, 4, 5]))
print(sys.getsizeof([1, 2, 3, 4, 5, 6]))
print(sys.getsizeof([a, b, c]))
print(sys.getsizeof([a, b, c, d]))
print(sys.getsizeof([a, 1, b]))
