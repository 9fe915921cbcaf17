# min, max and sum with iterables, several arguments, key and default.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"))
print(min(["bb", "a", "ccc"], key=len), max(["bb", "a", "ccc"], key=len))
print(max([], default="empty"), min((), default=None))
print(max([1, 3, 3], key=lambda x: -x))
print(max((1, "b"), (1, "a")), min([[2], [1, 5]]))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min(1)
except TypeError as e:
    print("TypeError:", e)
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([0.1] * 10), sum([]), sum(range(5), start=100))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
