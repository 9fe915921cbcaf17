# isinstance and issubclass with tuples, built-in types and bool/int.
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(B(), (int, A)))
print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int))
print(isinstance(3, (str, float)), isinstance([], list), isinstance((), tuple))
print(issubclass(B, (str, A)), issubclass(A, A), issubclass(int, object))
print(type(B()) is B, type(B()) is A, type(type(B())) is type)
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
