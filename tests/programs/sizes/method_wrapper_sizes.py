# Bound slot methods are 48-byte method-wrappers; builtin methods and descriptors 72; bound Python methods 64.
import sys
class A:
    def __init__(self):
        pass
    def m(self):
        pass
a = A()
g = sys.getsizeof
print(g(a.__init__), g(a.m), g([].append), g(len), g(list.append), g(object.__init__), g(a.__str__))
print(g(int.__add__), g((1).__add__), g(a.__eq__), g(str.join), g("".join), g([].__len__), g([].__getitem__), g({}.__contains__))
for f in [a.__str__, (1).__add__, int.__add__, object.__init__, list.__len__, list.__getitem__, str.join, "".join, len, a.m]:
    print(type(f).__name__, repr(f).split(" at ")[0])
print((1).__add__(2), (1).__add__.__name__, (1).__add__.__self__, int.__add__.__get__(5)(1), [3].__len__())
