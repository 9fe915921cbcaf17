# Class attributes are shared; assigning through an instance shadows them; mutable class attributes are shared.
class Counter:
    total = 0
    shared = []
    def __init__(self):
        Counter.total += 1
        self.shared.append(Counter.total)
a = Counter()
b = Counter()
print(Counter.total, a.total, a.shared, b.shared is a.shared)
a.total = 99
print(a.total, b.total, Counter.total)
del a.total
print(a.total)
print("total" in vars(a), "total" in vars(Counter))
