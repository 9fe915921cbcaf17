# len, min, max, sum, index and count across lists, tuples, strings and ranges.
for seq in ([3, 1, 2], (3, 1, 2), "312", range(1, 4)):
    print(type(seq).__name__, len(seq), min(seq), max(seq), sorted(seq))
print(sum([1, 2, 3]), sum((1.5, 2.5)), sum([[1], [2]], []))
print([1, 2, 1].count(1), (1, 2, 1).index(2), "aba".count("a"))
print(list(enumerate("ab", start=1)))
print(list(zip([1, 2, 3], "ab")))
