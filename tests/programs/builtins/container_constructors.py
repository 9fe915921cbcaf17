# list, tuple, dict, set, frozenset and str constructors from various iterables.
print(list(), list("ab"), list((1, 2)), list({"k": 1}), list(range(3)), list(x * 2 for x in [1, 2]))
print(tuple(), tuple([1]), tuple("xy"))
print(dict(), dict(a=1), dict([(1, 2)]), dict({"x": 1}, y=2), dict(zip("ab", "cd")))
print(set(), set("aab") == {"a", "b"}, set([3, 1, 3]), frozenset(range(3)))
print(str(), str(12), str([1]), str(b"b"), str(b"caf\xc3\xa9", "utf-8"))
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
