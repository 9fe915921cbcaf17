# Loops: while with else, for with break/continue, and the iterator popped on break.
def count(n):
    i = 0
    while i < n:
        i += 1
        if i == 2:
            continue
        if i > 5:
            break
    else:
        print("done")
    for x in [1, 2, 3]:
        if x:
            break
    return i
