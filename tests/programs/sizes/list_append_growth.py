# list over-allocation: size after each of 130 appends, printed when it changes.
import sys
lst = []
last = sys.getsizeof(lst)
print(0, last)
for i in range(1, 131):
    lst.append(i)
    size = sys.getsizeof(lst)
    if size != last:
        print(i, size)
        last = size
