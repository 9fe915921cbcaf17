# round() uses banker's rounding and returns an int without ndigits.
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 10.0]:
    print(v, round(v), round(v, 2))
print(round(123, -1), round(125, -1), round(135, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(round(-0.4))
