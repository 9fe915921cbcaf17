# List concatenation, repetition, comparison, membership and nesting.
a = [1, 2]
b = a + [3]
print(a, b, a * 2, [0] * 5)
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
shared = [[0] * 2] * 2
shared[0][0] = 9
print(shared)
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, [2, 3]] < [1, [2, 4]])
print(len([]), len([[]]), [] in [[]])
nested = [1, [2, [3, [4]]]]
print(nested[1][1][1][0])
print(list(reversed(a)), sorted([3, -1, 2], reverse=True))
try:
    a + (3,)
except TypeError as e:
    print("TypeError:", e)
try:
    a[5]
except IndexError as e:
    print("IndexError:", e)
