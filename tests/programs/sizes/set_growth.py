# set sizes while adding one element at a time; set(range(n)) matches.
import sys
s = set()
last = sys.getsizeof(s)
print(0, last)
for i in range(1, 1300):
    s.add(i)
    size = sys.getsizeof(s)
    if size != last:
        print(i, size)
        last = size
print(sys.getsizeof(set(range(100))), sys.getsizeof(frozenset(range(100))))
print(sys.getsizeof(frozenset()), sys.getsizeof({1, 2, 3, 4}), sys.getsizeof({1, 2, 3, 4, 5}))
