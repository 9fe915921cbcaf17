# An exception inside a list comprehension shows the <listcomp> frame.
values = [4, 2, 0, 1]
print([10 // v for v in values])
