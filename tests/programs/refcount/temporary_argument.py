# A temporary passed straight to getrefcount is referenced only by the call.
import sys
print(sys.getrefcount([]))
print(sys.getrefcount(object()))
print(sys.getrefcount({"k": [1]}))
class C:
    pass
print(sys.getrefcount(C()))
print(sys.getrefcount(int("123456789")))
