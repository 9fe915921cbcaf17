# Reflected operators run when the left operand returns NotImplemented; subclasses get priority.
class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        print("Money.__add__")
        if isinstance(o, int):
            return Money(self.c + o)
        return NotImplemented
    def __radd__(self, o):
        print("Money.__radd__")
        return Money(self.c + o) if isinstance(o, int) else NotImplemented
    def __rsub__(self, o):
        print("Money.__rsub__")
        return Money(o - self.c)
    def __repr__(self):
        return f"{type(self).__name__}({self.c})"
class Euro(Money):
    def __radd__(self, o):
        print("Euro.__radd__")
        return Euro(o.c + self.c)
print(Money(1) + 2)
print(2 + Money(1))
print(10 - Money(3))
try:
    print(sum([Money(1), Money(2)]))
except TypeError as e:
    print("TypeError:", e)
print(Money(1) + Euro(5))
