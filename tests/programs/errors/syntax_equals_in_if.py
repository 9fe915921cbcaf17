# = instead of == in a condition gets CPython's hint.
x = 1
if x = 1:
    pass
