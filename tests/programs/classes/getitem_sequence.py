# A class with only __getitem__ is iterable and supports slices via slice objects.
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("out of range")
        return i * i
s = Squares(6)
print(list(s), s[2], s[-1], s[1:4], s[::2])
print(9 in s, 10 in s)
for v in s:
    if v > 5:
        break
    print(v)
a, b, *_ = s
print(a, b)
