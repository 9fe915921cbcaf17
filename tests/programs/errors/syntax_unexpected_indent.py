# An indented line where no block starts is an IndentationError: unexpected indent.
x = 1
    y = 2
print(x + y)
