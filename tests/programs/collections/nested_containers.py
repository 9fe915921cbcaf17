# Nested lists, dicts and tuples: reprs, deep access and mutation through aliases.
data = {"users": [{"name": "ann", "tags": ("a", "b")}, {"name": "bob", "tags": ()}], "count": 2}
print(data)
print(data["users"][0]["tags"][1])
data["users"][1]["tags"] += ("z",)
print(data["users"][1])
row = [0, 0]
table = [row, row]
table[0][0] = 1
print(table)
selfref = [1]
selfref.append(selfref)
print(selfref)
d = {}
d["me"] = d
print(d)
