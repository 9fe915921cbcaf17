# The list methods a learner uses, with their return values.
lst = [3, 1, 4]
print(lst.append(1), lst)
lst.extend([5, 9])
print(lst)
lst.insert(0, 2)
lst.insert(100, 6)
lst.insert(-1, 7)
print(lst)
print(lst.pop(), lst.pop(0), lst)
lst.remove(1)
print(lst, lst.index(4), lst.count(1))
lst.sort()
print(lst)
lst.reverse()
print(lst)
c = lst.copy()
c.clear()
print(c, lst)
try:
    lst.remove(42)
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    lst.index(42)
except ValueError as e:
    print("ValueError:", e)
