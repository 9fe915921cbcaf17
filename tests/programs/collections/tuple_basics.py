# Tuples: packing, single-element syntax, methods, immutability and hashing.
t = 1, 2, 3
print(t, type(t).__name__)
single = (5,)
print(single, (5), len(single))
print(() == tuple(), tuple([1, 2]), tuple("ab"))
print(t.count(2), t.index(3))
print(t + (4,), t * 2, t[1:], t[::-1])
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
inner = ([1], 2)
inner[0].append(3)
print(inner)
print(hash((1, 2)) == hash((1, 2)))
try:
    hash(([1],))
except TypeError as e:
    print("TypeError:", e)
a, b, c = t
print(a + b + c)
print((1, 2) < (1, 2, 3), max((1, 9), (2, 0)))
