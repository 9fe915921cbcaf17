# Missing attributes raise AttributeError with CPython's messages.
class Thing:
    def __init__(self):
        self.value = 1
t = Thing()
for name in ["value", "other"]:
    try:
        print(getattr(t, name))
    except AttributeError as e:
        print("AttributeError:", e)
try:
    Thing.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    (5).real = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    "s".missing()
except AttributeError as e:
    print("AttributeError:", e)
try:
    None.attr
except AttributeError as e:
    print("AttributeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
