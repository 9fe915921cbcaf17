# A generator's return value travels in StopIteration.value and as the value of yield from.
def gen():
    yield 1
    return "result"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value, repr(e))
def outer():
    r = yield from gen()
    print("inner returned", r)
    yield r.upper()
print(list(outer()))
