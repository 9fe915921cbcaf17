# A generator expression evaluates its first iterable immediately, the rest lazily.
xs = [1, 2, 3]
g = (x * y for x in xs for y in ys_later)
ys_later = [10]
xs = []
print(list(g))
try:
    (1 for _ in 5)
except TypeError as e:
    print("TypeError:", e)
gen = (i for i in range(3))
print(next(gen), list(gen))
