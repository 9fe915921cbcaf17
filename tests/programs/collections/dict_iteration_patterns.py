# Counting, grouping and inverting with plain dicts.
text = "the cat and the hat and the bat"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
groups = {}
for w in text.split():
    groups.setdefault(len(w), []).append(w)
print(groups)
inverted = {v: k for k, v in {"x": 1, "y": 2}.items()}
print(inverted)
best = max(counts, key=counts.get)
print(best, counts[best])
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
