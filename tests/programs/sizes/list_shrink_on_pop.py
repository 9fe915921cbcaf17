# Popping shrinks a list's allocation when it falls below half.
import sys
lst = list(range(40))
last = None
for _ in range(41):
    size = sys.getsizeof(lst)
    if size != last:
        print(len(lst), size)
        last = size
    if lst:
        lst.pop()
lst2 = list(range(40))
lst2.clear()
print(sys.getsizeof(lst2))
