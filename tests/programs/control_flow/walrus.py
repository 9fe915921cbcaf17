# Assignment expressions in conditions, loops and comprehensions.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print(f"list is long ({n} elements)")
it = iter(data)
while (item := next(it, None)) is not None:
    if item > 5:
        print("big", item)
values = [y for x in data if (y := x * 2) > 6]
print(values, y)
print((total := sum(data)), total)
def f():
    if any((hit := v) > 8 for v in data):
        return hit
print(f())
