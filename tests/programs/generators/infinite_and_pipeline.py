# Infinite generators combined into a lazy pipeline.
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    for _, v in zip(range(n), it):
        yield v
def evens(it):
    return (x for x in it if x % 2 == 0)
def squared(it):
    for x in it:
        yield x * x
print(list(take(5, squared(evens(naturals())))))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(take(15, fib())))
it = iter(fib())
print([next(it) for _ in range(5)])
