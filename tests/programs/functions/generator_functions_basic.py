# A function with yield returns a generator; its body runs lazily.
def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1
    print("end")
g = countdown(3)
print("made generator")
for v in g:
    print(v)
print(list(countdown(2)))
