# A default argument value is referenced by the function's __defaults__ tuple.
import sys
default = []
print(sys.getrefcount(default))
def f(x=default):
    return x
print(sys.getrefcount(default))
def g(a=default, b=default):
    return a
print(sys.getrefcount(default))
result = f()
print(sys.getrefcount(default))
del f, g, result
print(sys.getrefcount(default))
