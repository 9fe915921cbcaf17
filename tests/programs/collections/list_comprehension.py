# List comprehensions with conditions, nesting and their own scope.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(3)] for i in range(3)])
print([c.upper() if c in "aeiou" else c for c in "memory"])
x = "outer"
squares = [x for x in range(3)]
print(x, squares)
matrix = [[1, 2], [3, 4], [5, 6]]
print([n for row in matrix for n in row])
print([list(col) for col in zip(*matrix)])
