# Generator objects grow with the code's locals and stack size.
import sys
def g():
    yield 1
def g2(a, b, c):
    x = a + b + c
    yield x
print(sys.getsizeof(g()))
print(sys.getsizeof(g2(1, 2, 3)))
print(sys.getsizeof(x for x in [1, 2]))
