# __hash__ and __eq__ decide dict/set behaviour; defining __eq__ alone makes a class unhashable.
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return f"Key({self.k})"
d = {Key(1): "one"}
print(d[Key(1)], Key(1) in d, len({Key(2), Key(2), Key(3)}))
class EqOnly:
    def __eq__(self, other):
        return True
print(EqOnly.__hash__)
try:
    {EqOnly()}
except TypeError as e:
    print("TypeError:", e)
class Default:
    pass
x = Default()
print(hash(x) == hash(x), x == x, x == Default())
class Const:
    def __hash__(self):
        return -1
print(hash(Const()))
