# Every list slot referring to an object is one reference, including repeats.
import sys
item = []
print(sys.getrefcount(item))
lst = [item, item, item]
print(sys.getrefcount(item))
lst.append(item)
print(sys.getrefcount(item))
lst.pop()
print(sys.getrefcount(item))
lst[0] = None
print(sys.getrefcount(item))
lst2 = lst * 2
print(sys.getrefcount(item))
del lst, lst2
print(sys.getrefcount(item))
