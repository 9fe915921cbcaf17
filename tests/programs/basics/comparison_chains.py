# Chained comparisons evaluate each operand once and stop early.
def v(n):
    print("eval", n)
    return n
print(1 < 2 < 3)
print(1 < 3 < 2)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
x = 5
print(0 <= x < 10)
print(1 == 1 == 1, 1 == 1 != 2)
print(1 < 2 > 0)
print("a" < "b" < "c")
print([1, 2] < [1, 3] <= [2])
