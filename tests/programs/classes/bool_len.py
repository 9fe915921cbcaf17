# __bool__ and __len__ decide truthiness; __bool__ must return a bool.
class Empty:
    def __len__(self):
        return 0
class Full:
    def __len__(self):
        return 3
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Neither:
    pass
print(bool(Empty()), bool(Full()), bool(Flag(False)), bool(Both()), bool(Neither()))
print("yes" if Full() else "no", not Empty())
try:
    bool(Flag(1))
except TypeError as e:
    print("TypeError:", e)
class Neg:
    def __len__(self):
        return -1
try:
    len(Neg())
except ValueError as e:
    print("ValueError:", e)
