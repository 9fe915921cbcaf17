# Using an undefined name is a NameError with a 'Did you mean' hint when a close name exists.
counter = 0
print(countr + 1)
