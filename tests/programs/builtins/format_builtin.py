# format() with specs on numbers, strings and objects with __format__.
print(format(3.14159, ".3f"), format(42, "05d"), format("x", "^5"), format(1234567, ","))
print(format(255, "x"), format(255, "#010b"), format(0.5, "%"), format(12, ""))
print(repr(format(None)), format([1, 2]))
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return f"${self.v:{spec or '.2f'}}"
print(format(Money(3)), format(Money(3), ".0f"), f"{Money(1.5)}")
try:
    format(object(), "d")
except TypeError as e:
    print("TypeError:", e)
try:
    format(1, "q")
except ValueError as e:
    print("ValueError:", e)
