# id is stable for an object's lifetime; hash is equal for equal values.
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
print(hash(42), hash(-1), hash(True), hash(0.5), hash(2.0) == hash(2))
print(hash((1, 2)) == hash((1, 2)), hash(frozenset([1])) == hash(frozenset([1])))
print(hash("abc") == hash("abc"))
print(hash(10 ** 20), hash(-(10 ** 20)), hash(float("inf")), hash(2 ** 61 - 1))
try:
    hash([])
except TypeError as e:
    print("TypeError:", e)
try:
    hash({})
except TypeError as e:
    print("TypeError:", e)
