# Dict insertion, lookup and update with int and str keys.
counts = {}
for i in range(400_000):
    key = i % 1000
    counts[key] = counts.get(key, 0) + 1
names = {}
for i in range(100_000):
    names["k" + str(i % 5000)] = i
print(len(counts), counts[7], len(names), names["k42"])
