# A bracket that is never closed is a SyntaxError pointing at the opening bracket.
numbers = [1, 2, 3
print(numbers)
