# A finished or running generator behaves as CPython's: exhausted stays exhausted, re-entry raises.
def g():
    yield 1
gen = g()
print(list(gen), list(gen))
def reenter():
    yield next(me)
me = reenter()
try:
    next(me)
except ValueError as e:
    print("ValueError:", e)
def fails():
    yield 1
    raise RuntimeError("boom")
f = fails()
print(next(f))
try:
    next(f)
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(f, "finished"))
