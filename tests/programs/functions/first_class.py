# Functions passed around, stored in lists and returned from functions.
def apply_twice(f, x):
    return f(f(x))
def inc(x):
    return x + 1
print(apply_twice(inc, 5))
pipeline = [inc, lambda x: x * 10, str, len]
v = 7
for step in pipeline:
    v = step(v)
    print(repr(v))
def choose(op):
    def add(a, b):
        return a + b
    def sub(a, b):
        return a - b
    return add if op == "add" else sub
print(choose("add")(2, 3), choose("sub")(2, 3))
print(list(map(inc, [1, 2, 3])))
