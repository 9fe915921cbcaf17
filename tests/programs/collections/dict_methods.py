# dict methods: keys/values/items, pop, popitem, setdefault, update, fromkeys, copy.
d = {"a": 1, "b": 2, "c": 3}
print(d.keys(), d.values(), d.items())
print(d.pop("b"), d.pop("zz", "default"), d)
d.setdefault("d", 4)
d.setdefault("a", 99)
print(d)
d.update({"e": 5}, f=6)
d.update([("g", 7)])
print(d)
print(d.popitem(), d)
print(dict.fromkeys("xyz"), dict.fromkeys([1, 2], 0))
c = d.copy()
c["a"] = -1
print(d["a"], c["a"])
c.clear()
print(c)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    d.pop("nope")
except KeyError as e:
    print("KeyError:", e)
print(d | {"z": 0}, {"a": 0} | {"a": 1})
d |= {"h": 8}
print(d)
