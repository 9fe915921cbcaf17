# getsizeof counts only the container itself, never the objects it refers to.
import sys
a, b, c = 1, 2, 3
x, y, z = "x" * 10000, "y" * 10000, "z" * 10000
small = [a, b, c]
big_items = [x, y, z]
print(sys.getsizeof(small), sys.getsizeof(big_items), sys.getsizeof(x))
nested = [[0] * 1000]
print(sys.getsizeof(nested), sys.getsizeof(nested[0]))
def deep_size(obj, seen=None):
    if seen is None:
        seen = set()
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, (list, tuple, set)):
        size += sum(deep_size(x, seen) for x in obj)
    elif isinstance(obj, dict):
        size += sum(deep_size(k, seen) + deep_size(v, seen) for k, v in obj.items())
    return size
print(deep_size([int("1000"), int("2000"), "a" * 10]))
print(deep_size({"key": [int("5000")] * 3}))
