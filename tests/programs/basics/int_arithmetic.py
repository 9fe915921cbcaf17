# The four basic operators on small ints, with precedence and parentheses.
a = 17
b = 5
print(a + b, a - b, a * b)
print(a / b)
print(a // b, a % b)
print(a ** 2)
print(2 + 3 * 4, (2 + 3) * 4)
print(2 ** 3 ** 2)
print(-2 ** 2, (-2) ** 2)
print(10 - 4 - 3)
print(100 // 7 * 7 + 100 % 7)
