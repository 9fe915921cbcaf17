# __slots__ restricts attributes and removes the instance __dict__.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "__dict__"))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
p.y = 2
print(p.y)
del p.y
print(hasattr(p, "y"))
class Q(P):
    pass
q = Q(5)
q.extra = "subclass without slots has a dict"
print(q.extra, q.x)
print(P.__slots__, type(P.x).__name__)
