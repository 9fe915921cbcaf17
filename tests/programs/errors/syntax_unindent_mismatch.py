# A dedent to a column no outer block uses is an IndentationError.
def f():
        if True:
            return 1
    return 2
print(f())
