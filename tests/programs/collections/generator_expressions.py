# Generator expressions are lazy, single-use and can be passed bare to calls.
g = (n * 2 for n in range(4))
print(type(g).__name__)
print(next(g), next(g))
print(list(g))
print(list(g))
print(sum(x * x for x in range(10)))
print(max(len(w) for w in "a bb ccc".split()))
print(any(c.isdigit() for c in "abc1"), all(c.isalpha() for c in "ab1"))
def noisy(n):
    print("producing", n)
    return n
lazy = (noisy(i) for i in range(3))
print("created")
for v in lazy:
    print("got", v)
print(", ".join(str(i) for i in range(3)))
