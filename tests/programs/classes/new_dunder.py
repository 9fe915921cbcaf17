# __new__ runs before __init__ and can return cached or different objects.
class Singleton:
    _instance = None
    def __new__(cls, *args):
        print("__new__", args)
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, v):
        print("__init__", v)
        self.v = v
a = Singleton(1)
b = Singleton(2)
print(a is b, a.v)
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
u = Upper("hello")
print(u, type(u).__name__, isinstance(u, str), u + "!")
class Weird:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(Weird())
