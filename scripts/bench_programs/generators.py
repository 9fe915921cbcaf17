# Generator functions, generator expressions and iteration protocols.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

print(sum(evens(numbers(1_000_000))), sum(x * 2 for x in range(500_000)))
