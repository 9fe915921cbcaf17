# __iter__ and __next__ make a class usable in for loops, list(), zip and next().
class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(Countdown(4)))
c = Countdown(2)
print(next(c), next(c), next(c, "done"))
try:
    next(c)
except StopIteration:
    print("StopIteration raised")
class Pair:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __iter__(self):
        yield self.a
        yield self.b
x, y = Pair(1, 2)
print(x, y, list(zip(Pair("a", "b"), Countdown(5))))
print(sum(Countdown(100)))
