# dict sizes with int keys: the table doubles at the 6th, 11th, 22nd and 43rd insertion.
import sys
d = {}
last = sys.getsizeof(d)
print(0, last)
for i in range(1, 100):
    d[i] = None
    size = sys.getsizeof(d)
    if size != last:
        print(i, size)
        last = size
