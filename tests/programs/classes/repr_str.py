# __repr__ and __str__ decide how print, str, repr and containers show objects.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
class Labeled(Point):
    def __str__(self):
        return f"<{self.x}, {self.y}>"
p = Point(1, "two")
q = Labeled(3, 4)
print(p, str(p), repr(p))
print(q, str(q), repr(q))
print([p, q], {"k": q})
print(f"{q} {q!r}")
class Plain:
    pass
print(str(Plain()).startswith("<__main__.Plain object at 0x"))
print(Plain())
