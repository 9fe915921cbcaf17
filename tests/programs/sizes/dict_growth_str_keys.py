# dict tables with only str keys use smaller entries.
import sys
d = {}
last = sys.getsizeof(d)
print(0, last)
for i in range(1, 100):
    d["k" + str(i)] = i
    size = sys.getsizeof(d)
    if size != last:
        print(i, size)
        last = size
