# A StopIteration escaping a generator body becomes RuntimeError (PEP 479).
def bad():
    yield 1
    raise StopIteration("oops")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
def uses_next(it):
    yield next(it)
    yield next(it)
try:
    print(list(uses_next(iter([1]))))
except RuntimeError as e:
    print("RuntimeError:", e)
