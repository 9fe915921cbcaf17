# frozenset is immutable and hashable, so it can be a dict key or set item.
f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f)
print(f | {9}, type(f | {9}).__name__, type({9} | f).__name__)
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})])
s = {frozenset({1}), frozenset({1}), frozenset()}
print(len(s))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {{1}}
except TypeError as e:
    print("TypeError:", e)
print(frozenset(), hash(frozenset()) == hash(frozenset()))
