# Subclassing list, dict and int keeps built-in behaviour and adds methods.
class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), type(s).__name__, s + [4])
class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = key * 2
        return self[key]
d = DefaultDict()
print(d[3], d)
class Meters(int):
    def __repr__(self):
        return f"{int(self)}m"
m = Meters(5)
print(m, repr(m), m + 1, type(m + 1).__name__)
