# break only leaves the innermost loop; a flag leaves both.
found = None
for i in range(1, 5):
    for j in range(1, 5):
        if i * j == 6:
            found = (i, j)
            break
    if found:
        break
print("found", found)
count = 0
for i in range(3):
    for j in range(3):
        if j > i:
            break
        count += 1
print("count", count)
