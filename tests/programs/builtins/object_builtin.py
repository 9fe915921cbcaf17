# object() instances have no attributes and compare by identity.
o = object()
p = object()
print(o == o, o == p, o != p, type(o).__name__)
print(str(o).startswith("<object object at 0x"))
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError:", e)
print(isinstance(o, object), isinstance(5, object), isinstance(object, object))
print(object.__name__, object.__bases__, int.__bases__)
print(o)
