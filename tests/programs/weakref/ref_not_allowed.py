# Some built-in types cannot be weakly referenced; slots classes need __weakref__.
import weakref
for value in [1, "s", (1,), [1], {"k": 1}, None]:
    try:
        weakref.ref(value)
        print(type(value).__name__, "ok")
    except TypeError as e:
        print("TypeError:", e)
class Slotted:
    __slots__ = ("a",)
class SlottedWeak:
    __slots__ = ("a", "__weakref__")
try:
    weakref.ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
print(weakref.ref(SlottedWeak())() is None)
def f():
    pass
print(weakref.ref(f)() is f, weakref.ref(set())() is None, weakref.ref(Slotted)() is Slotted)
