# sort and sorted with key, reverse, stability and mixed-type errors.
words = ["pear", "Apple", "fig", "banana", "kiwi"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
pairs.sort(key=lambda p: p[0])
print(pairs)
print(sorted(pairs))
nums = [5, -3, 2, -8]
nums.sort(key=abs)
print(nums)
try:
    [1, "a", 2].sort()
except TypeError as e:
    print("TypeError:", e)
print(sorted("hello"), sorted({3: 1, 1: 2}), sorted((3.5, 1, 2)))
