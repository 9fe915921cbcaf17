# __len__, __getitem__, __setitem__, __delitem__, __contains__ and __iter__ on a custom container.
class Bag:
    def __init__(self):
        self.items = {}
    def __len__(self):
        return len(self.items)
    def __getitem__(self, key):
        return self.items.get(key, 0)
    def __setitem__(self, key, value):
        print("set", key, value)
        self.items[key] = value
    def __delitem__(self, key):
        print("del", key)
        del self.items[key]
    def __contains__(self, key):
        return key in self.items
    def __iter__(self):
        return iter(sorted(self.items))
b = Bag()
b["x"] = 3
b["y"] = 5
b["x"] += 1
print(len(b), b["x"], b["zzz"], "y" in b, "q" in b)
del b["y"]
print(list(b), len(b))
for k in b:
    print("key", k)
try:
    del b["nope"]
except KeyError as e:
    print("KeyError:", e)
