# getattr, setattr, hasattr and delattr with defaults and errors.
class Cfg:
    debug = False
c = Cfg()
print(getattr(c, "debug"), getattr(c, "verbose", "n/a"), hasattr(c, "debug"), hasattr(c, "verbose"))
setattr(c, "verbose", True)
print(c.verbose, hasattr(c, "verbose"))
delattr(c, "verbose")
print(hasattr(c, "verbose"))
try:
    delattr(c, "verbose")
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(c, "nope")
except AttributeError as e:
    print("AttributeError:", e)
for name in ["upper", "lower", "missing"]:
    print(name, hasattr("s", name))
print(getattr("abc", "upper")())
try:
    getattr(c, 5)
except TypeError as e:
    print("TypeError:", e)
