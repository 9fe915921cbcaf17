# Float arithmetic, comparisons with ints, rounding and integer conversion.
x = 3.7
print(int(x), int(-x))
print(round(x), round(-x))
print(round(2.5), round(3.5), round(-2.5))
print(round(3.14159, 2), round(1234.5, -2))
print(x * 2, x - 0.7)
print(1.5 == 3 / 2, 2.0 == 2, 0.1 + 0.2 == 0.3)
print(float(7), float("1.5"), float("  -2e3 "))
print((0.5).is_integer(), (2.0).is_integer())
print((0.25).as_integer_ratio())
print(abs(-2.5))
print(3.0 // 2, 3.0 % 2)
print(max(1, 2.5), min(-1.0, -1))
