# Floor division and modulo of negative ints follow Python's sign rules.
for a in (7, -7):
    for b in (2, -2):
        print(a, b, a // b, a % b, divmod(a, b))
print(-1 // 10, -1 % 10)
print(1 // -10, 1 % -10)
print(-7.5 // 2, -7.5 % 2)
print(7.5 // -2, 7.5 % -2)
print(-0.0 % 5)
