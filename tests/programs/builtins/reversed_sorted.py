# reversed on sequences and __reversed__, sorted on any iterable.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
print(list(reversed({"a": 1, "b": 2})))
class Deck:
    def __reversed__(self):
        return iter(["last", "first"])
print(list(reversed(Deck())))
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError:", e)
print(sorted([3, 1, 2]), sorted("cba"), sorted({3: 0, 1: 0}), sorted((x % 3 for x in range(6))))
print(sorted([-3, 2, -1], key=abs, reverse=True))
print(type(reversed([1])).__name__)
