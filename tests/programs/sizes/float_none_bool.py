# Fixed sizes of float, None, bool, Ellipsis, NotImplemented and object().
import sys
print(sys.getsizeof(1.5), sys.getsizeof(0.0), sys.getsizeof(float("inf")))
print(sys.getsizeof(None), sys.getsizeof(...), sys.getsizeof(NotImplemented), sys.getsizeof(object()))
print(sys.getsizeof(True), sys.getsizeof(0), sys.getsizeof(1 + 2j))
