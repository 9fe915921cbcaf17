# dict creation, lookup, update, deletion and insertion order.
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d))
print(d["two"], d.get("four"), d.get("four", 4))
d["one"] = 100
print(d)
del d["two"]
d["two"] = 2
print(d)
print(list(d), "one" in d, 1 in d)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("ab", [1, 2])))
print(dict({"k": 1}, extra=2))
print({1: "int", 1.0: "float", True: "bool"})
print({(1, 2): "tuple key"})
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
