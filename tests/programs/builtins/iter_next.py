# iter and next on built-in iterables, with default values and the sentinel form.
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
s = iter("ab")
print(list(s), list(s))
d = iter({"x": 1, "y": 2})
print(next(d))
values = [3, 2, 1, 0, 5]
pos = -1
def read():
    global pos
    pos += 1
    return values[pos]
print(list(iter(read, 0)))
print(iter(it) is it)
try:
    next([1])
except TypeError as e:
    print("TypeError:", e)
