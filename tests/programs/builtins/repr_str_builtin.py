# repr and str of built-in values, including recursive containers.
values = [1, -2.5, "q'uote", b"\x00b", None, [1, "a"], ("t",), {"k": [None]}, {1}, frozenset({2}), set(), range(3), 1e100, 10 ** 30, True]
for v in values:
    print(repr(v), "|", str(v))
lst = [1]
lst.append(lst)
print(repr(lst))
print(str("already str"), repr(repr("x")))
print(repr(len), repr(int), repr(print))
