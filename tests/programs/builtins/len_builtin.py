# len of every sized built-in and of a class with __len__.
class Sized:
    def __len__(self):
        return 7
for obj in ["", "abc", "é😀", b"xy", [], [1, 2], (1,), {}, {"a": 1}, set(), {1, 2, 3}, frozenset([1]), range(10), range(0, 10, 3), Sized()]:
    print(type(obj).__name__, len(obj))
try:
    len(42)
except TypeError as e:
    print("TypeError:", e)
