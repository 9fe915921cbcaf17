# Instance __dict__ holds attributes; vars and setattr work through it.
class Box:
    def __init__(self):
        self.a = 1
b = Box()
print(b.__dict__)
b.__dict__["b"] = 2
print(b.b, vars(b))
setattr(b, "c", 3)
print(b.__dict__)
del b.__dict__["a"]
print(hasattr(b, "a"), b.__dict__)
print(type(Box.__dict__).__name__, "__init__" in Box.__dict__)
