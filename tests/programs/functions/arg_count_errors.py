# Calling with the wrong number of arguments raises TypeError with exact wording.
def two(a, b):
    pass
def none():
    pass
def opt(a, b=1):
    pass
for call in [lambda: two(1), lambda: two(1, 2, 3), lambda: none(1), lambda: opt(), lambda: opt(1, 2, 3), lambda: two()]:
    try:
        call()
    except TypeError as e:
        print(e)
