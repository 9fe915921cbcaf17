# Default equality is identity; __ne__ inverts __eq__ automatically.
class Pt:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        return isinstance(o, Pt) and o.x == self.x
    __hash__ = None
a = Pt(1)
print(a == Pt(1), a != Pt(1), a != Pt(2), a is Pt(1))
class Id:
    pass
i = Id()
print(i == i, i != i, i == Id())
print([Pt(1), Pt(2)].index(Pt(2)), Pt(3) in [Pt(3)])
