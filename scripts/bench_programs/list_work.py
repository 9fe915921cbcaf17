# List building, indexing, slicing, sorting and comprehensions.
data = []
for i in range(300_000):
    data.append((i * 7919) % 100_003)
squares = [x * x for x in data if x % 3]
data.sort()
print(len(squares), data[0], data[-1], sum(data[::1000]))
