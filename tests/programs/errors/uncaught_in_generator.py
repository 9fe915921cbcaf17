# An exception inside a generator shows the consumer's frame then the generator's.
def numbers():
    yield 1
    yield 2
    raise ValueError("generator failed")
for n in numbers():
    print(n)
