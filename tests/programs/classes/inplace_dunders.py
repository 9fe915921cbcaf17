# In-place operators use __iadd__ when defined and fall back to __add__ otherwise.
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        print("iadd")
        self.v += o
        return self
    def __add__(self, o):
        print("add")
        return Acc(self.v + o)
    def __imul__(self, o):
        print("imul returns a new object")
        return Acc(self.v * o)
class NoInplace:
    def __init__(self, v):
        self.v = v
    def __sub__(self, o):
        print("sub")
        return NoInplace(self.v - o)
a = Acc(1)
same = a
a += 5
print(a.v, a is same)
a *= 3
print(a.v, a is same, same.v)
n = NoInplace(10)
m = n
n -= 4
print(n.v, m.v, n is m)
