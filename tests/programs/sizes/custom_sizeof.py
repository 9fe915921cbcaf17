# getsizeof adds the gc pre-header to a user __sizeof__ result and validates it.
import sys
class Ten:
    def __sizeof__(self):
        return 10
class TenSlots:
    __slots__ = ()
    def __sizeof__(self):
        return 10
class Negative:
    def __sizeof__(self):
        return -1
class NotInt:
    def __sizeof__(self):
        return "big"
print(sys.getsizeof(Ten()), sys.getsizeof(TenSlots()))
print([].__sizeof__(), (1, 2).__sizeof__(), "abc".__sizeof__(), (5).__sizeof__())
try:
    sys.getsizeof(Negative())
except ValueError as e:
    print("ValueError:", e)
try:
    sys.getsizeof(NotInt())
except TypeError as e:
    print("TypeError:", e)
print(sys.getsizeof(NotInt(), "default used"))
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError:", e)
