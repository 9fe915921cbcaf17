# A closure's cell holds one reference to the captured object.
import sys
def make():
    captured = []
    def inner():
        return captured
    print(sys.getrefcount(captured))
    return inner, captured
fn, obj = make()
print(sys.getrefcount(obj))
fn2 = fn
print(sys.getrefcount(obj))
del fn, fn2
print(sys.getrefcount(obj))
