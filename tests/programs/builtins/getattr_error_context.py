# An AttributeError from getattr() or attribute access carries the name and the object (CPython 3.11's set_attribute_error_context).
class A:
    pass
a = A()
for get in (lambda: getattr(a, "missing"), lambda: a.other, lambda: getattr(1, "nope"), lambda: getattr(A, "absent")):
    try:
        get()
    except AttributeError as e:
        print(e, "|", e.name, "|", e.obj is a, type(e.obj).__name__)
print(getattr(a, "missing", "default"))
try:
    raise AttributeError("custom")
except AttributeError as e:
    print(e.name, e.obj)
