# enumerate with start and zip with several iterables, strict and unequal lengths.
for i, ch in enumerate("abc"):
    print(i, ch)
print(list(enumerate([10, 20], start=5)))
print(list(zip("abc", [1, 2, 3], (True, False, None))))
print(list(zip("abcd", range(2))))
print(list(zip()))
names = ["a", "b"]
scores = [1, 2]
print(dict(zip(names, scores)))
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
try:
    list(zip([1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
