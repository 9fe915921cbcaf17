# Iterating a list while appending to it sees the new items; copies do not.
items = [1, 2, 3]
for x in items:
    if x < 3:
        items.append(x + 10)
print(items)
items = [1, 2, 3, 4]
for x in items[:]:
    if x % 2 == 0:
        items.remove(x)
print(items)
items = [1, 2, 3, 4]
for x in items:
    items.remove(x)
print(items)
