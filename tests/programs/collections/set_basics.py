# Sets of ints: add, discard, remove, operators and comparisons.
s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s))
s.discard(10)
s.remove(3)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b)
print(a.union([9]), a.intersection(b, {4}), a.difference({1}), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < {1, 2}, a >= {1}, a.isdisjoint({7, 8}))
print(set(), set([1, 1, 2]), set(range(5)))
print({1, 2} == {2, 1}, {1} == frozenset({1}))
c = a.copy()
c.clear()
print(c, a)
print(a.pop() in {1, 2, 3, 4}, len(a))
