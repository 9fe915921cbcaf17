# isinstance and issubclass with builtin types and tuples of types.
print(isinstance(1, int), isinstance(1.0, int), isinstance(1, (float, int)), isinstance("s", str))
print(isinstance([], (list, tuple)), isinstance(None, type(None)), isinstance(int, type))
print(issubclass(bool, int), issubclass(int, bool), issubclass(list, object), issubclass(KeyError, LookupError))
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
