# throw() raises inside the generator at the yield; close() raises GeneratorExit.
def worker():
    try:
        while True:
            try:
                x = yield
                print("working on", x)
            except ValueError as err:
                print("recovered from", err)
    finally:
        print("cleanup")
w = worker()
next(w)
w.send(1)
w.throw(ValueError("bad input"))
w.send(2)
w.close()
print("closed")
w.close()
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
def simple():
    yield 1
g = simple()
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated:", e)
print(list(g))
