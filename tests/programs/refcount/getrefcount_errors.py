# getrefcount takes exactly one positional argument.
import sys
try:
    sys.getrefcount()
except TypeError as e:
    print("TypeError:", e)
try:
    sys.getrefcount(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(type(sys.getrefcount([])).__name__)
