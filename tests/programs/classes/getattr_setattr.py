# __getattr__ runs only for missing attributes; __setattr__ intercepts every assignment.
class Record:
    def __init__(self):
        object.__setattr__(self, "data", {})
    def __getattr__(self, name):
        print("__getattr__", name)
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(f"no field {name!r}") from None
    def __setattr__(self, name, value):
        print("__setattr__", name, value)
        self.data[name] = value
    def __delattr__(self, name):
        print("__delattr__", name)
        del self.data[name]
r = Record()
r.x = 1
print(r.x)
print(r.data)
del r.x
try:
    r.x
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(r, "missing", "fallback"))
class Upper:
    def __getattribute__(self, name):
        if name.startswith("loud_"):
            return name[5:].upper()
        return object.__getattribute__(self, name)
u = Upper()
u.quiet = "q"
print(u.loud_hello, u.quiet)
