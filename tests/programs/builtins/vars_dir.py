# vars returns an instance's __dict__; dir lists attributes sorted.
class Point:
    kind = "2d"
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm(self):
        return 0
p = Point(1, 2)
print(vars(p))
vars(p)["z"] = 3
print(p.z)
print([n for n in dir(p) if not n.startswith("__")])
print([n for n in dir(Point) if not n.startswith("__")])
print("append" in dir([]), "keys" in dir({}), "upper" in dir(""))
try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)
