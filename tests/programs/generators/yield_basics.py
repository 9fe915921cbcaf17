# Generators pause at yield and resume on next(); StopIteration ends them.
def three():
    print("before 1")
    yield 1
    print("before 2")
    yield 2
    print("before 3")
    yield 3
    print("after 3")
g = three()
print(next(g))
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(next(g, "default"))
