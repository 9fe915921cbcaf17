# type() of values, type comparisons and the three-argument form.
for v in [1, 1.0, "s", b"b", None, True, [], (), {}, set(), frozenset(), range(1), len, type, object()]:
    print(type(v))
print(type(1) is int, type(True) is bool, type(type) is type)
Dyn = type("Dyn", (object,), {"x": 5, "hello": lambda self: "hi"})
d = Dyn()
print(Dyn.__name__, d.x, d.hello(), type(d).__name__)
Sub = type("Sub", (Dyn,), {})
print(Sub.__mro__)
