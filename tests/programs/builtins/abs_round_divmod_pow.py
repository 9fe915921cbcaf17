# abs, round, divmod and pow on ints and floats.
print(abs(-3), abs(3.5), abs(-0.0), abs(-10 ** 30))
print(round(2.567, 2), round(-2.5), round(7), round(7.0), round(1234, -2))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(-7, -2))
print(pow(2, 8), pow(2, -2), pow(2, 8, 10), pow(-2, 3, 5), pow(2.0, 3))
print(pow(10, 3, 7) == (10 ** 3) % 7)
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print("TypeError:", e)
