# Passing an object to a Python function adds the parameter's reference while it runs.
import sys
a = []
def count(x):
    return sys.getrefcount(x)
def count_with_copy(x):
    y = x
    return sys.getrefcount(x)
def nested(x):
    return count(x)
print(count(a))
print(count_with_copy(a))
print(nested(a))
print(sys.getrefcount(a))
