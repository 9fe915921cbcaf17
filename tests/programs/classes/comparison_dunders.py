# Rich comparison dunders, NotImplemented fallback and reflected comparisons.
class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __le__(self, other):
        return self.parts <= other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a == Version(1, 2), a != b)
print(b > a, b >= a)
print(sorted([Version(2), Version(1, 5), Version(1)]))
print(a == "1.2", a != "1.2")
try:
    a < 5
except AttributeError as e:
    print("AttributeError:", e)
class Never:
    def __lt__(self, other):
        return NotImplemented
try:
    Never() < Never()
except TypeError as e:
    print("TypeError:", e)
