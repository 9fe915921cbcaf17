# Fixed sizes of range, slice, functions, lambdas, bound methods, builtins and modules.
import sys
import math
def f():
    pass
class C:
    def m(self):
        pass
print(sys.getsizeof(range(10)), sys.getsizeof(range(10 ** 30)), sys.getsizeof(slice(1, 2)))
print(sys.getsizeof(f), sys.getsizeof(lambda x: x), sys.getsizeof(C().m))
print(sys.getsizeof(len), sys.getsizeof(sys), sys.getsizeof(math))
print(sys.getsizeof(property()), sys.getsizeof(ValueError()), sys.getsizeof(iter([])))
