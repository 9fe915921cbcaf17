# A nested function that refers to itself forms a cycle of function, cell and closure tuple.
import gc
gc.disable()
def make():
    def rec(n):
        return 0 if n == 0 else rec(n - 1)
    return rec
f = make()
print(f(3))
del f
print(gc.collect())
