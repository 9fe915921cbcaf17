# range objects: repr, len, indexing, slicing, membership and reversal.
r = range(2, 20, 3)
print(r, len(r), list(r))
print(r[0], r[-1], r[1:3], r[::-1])
print(11 in r, 12 in r, r.index(14), r.count(5))
print(range(5), range(0, 5), range(5) == range(0, 5, 1), range(0) == range(3, 3))
print(list(range(10, 0, -3)), list(range(0)), list(range(-3)))
print(list(reversed(range(4))))
print(range(10 ** 20)[-1], range(0, 10 ** 20, 3)[-1], 10 ** 19 in range(10 ** 20))
try:
    len(range(10 ** 20))
except OverflowError as e:
    print("OverflowError:", e)
try:
    range(0, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
