# Closures: a cell in the outer function, a free variable and nonlocal in the inner.
def counter():
    count = 0
    def bump(step=1):
        nonlocal count
        count += step
        return count
    return bump
