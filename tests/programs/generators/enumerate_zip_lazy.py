# enumerate, zip, map and filter are lazy iterators that stop at the shortest input.
def noisy(name, n):
    for i in range(n):
        print(f"{name} yields {i}")
        yield i
z = zip(noisy("a", 3), noisy("b", 2))
print(type(z).__name__)
print(list(z))
m = map(lambda v: v * 10, noisy("m", 2))
print(next(m))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
e = enumerate("xyz", 1)
print(next(e), list(e))
