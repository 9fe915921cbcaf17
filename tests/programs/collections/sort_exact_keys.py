# Sorting ints and strs keeps Python's order and stability (ties keep input order, also with reverse=True).
words = ["pear", "Apple", "fig", "apple", "Éclair", "zeta", "éclair", "", "a", "ä", "😀", "z"]
print(sorted(words))
print(sorted(words, reverse=True))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
nums = [5, -3, 2**62, -2**63, 0, 7, 5, -3, 2**64, 10**30, -10**30, 1]
print(sorted(nums))
print(sorted(nums, reverse=True))
pairs = [(i % 3, i) for i in range(12)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted([3, True, 2, False, 1]))
print(sorted([2.5, 1, 3, 0.5]))
data = [(i * 7919) % 1009 for i in range(2000)]
data.sort()
print(data[:10], data[-10:], all(data[i] <= data[i + 1] for i in range(len(data) - 1)))
class S(str):
    pass
print(sorted([S("b"), "a", S("c")]))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print(e)
