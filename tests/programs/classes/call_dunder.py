# __call__ makes instances callable.
class Multiplier:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0
    def __call__(self, x):
        self.calls += 1
        return x * self.factor
triple = Multiplier(3)
print(triple(5), triple("ab"), triple.calls)
print(list(map(triple, [1, 2])), callable(triple), callable(5))
class Accumulator:
    def __init__(self):
        self.total = 0
    def __call__(self, *nums, reset=False):
        if reset:
            self.total = 0
        self.total += sum(nums)
        return self.total
acc = Accumulator()
print(acc(1, 2), acc(3), acc(10, reset=True))
not_callable = 5
try:
    not_callable()
except TypeError as e:
    print("TypeError:", e)
