# list() from sized iterables rounds up to even; [x]*n, copies and slices are exact.
import sys
print([sys.getsizeof(list(range(n))) for n in range(0, 21)])
print([sys.getsizeof([0] * n) for n in range(0, 8)])
base = list(range(10))
print(sys.getsizeof(base.copy()), sys.getsizeof(base[:]), sys.getsizeof(base[2:5]), sys.getsizeof(sorted(base)))
print(sys.getsizeof(base + base), sys.getsizeof(list(x for x in range(5))))
print(sys.getsizeof(list(range(100))))
big = list(range(100))
big.append(100)
print(sys.getsizeof(big))
