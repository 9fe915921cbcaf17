# Dict views are live, support set operations and reflect changes.
d = {"a": 1, "b": 2}
k = d.keys()
v = d.values()
it = d.items()
d["c"] = 3
print(k, v, it)
print(len(k), "a" in k, 2 in v, ("b", 2) in it)
print(k & {"a", "z"}, sorted(k | {"z"}), sorted(k - {"a"}))
print(list(reversed(d.keys())))
for key, value in d.items():
    print(key, value)
try:
    for key in d:
        d["new"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(d == {"c": 3, "b": 2, "a": 1, "new": 0})
