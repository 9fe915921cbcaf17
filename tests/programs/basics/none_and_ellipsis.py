# None, Ellipsis and NotImplemented print and compare as expected.
print(None, repr(None), str(None))
print(...)
print(Ellipsis is ...)
print(type(None).__name__, type(...).__name__)
print(NotImplemented)
def f():
    pass
print(f())
print(None if 0 else "x")
