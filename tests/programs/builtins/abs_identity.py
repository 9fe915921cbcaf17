# abs() of a non-negative exact int returns the same object; negatives, floats, bools and overrides follow CPython.
x = 10**6
print(abs(x) is x, abs(-x) == x, abs(-5), abs(True), abs(False), abs(-2.5), abs(-0.0))
print(abs(-(2**70)), abs(-(2**63)), abs(2**63) == 2**63, abs(-(2**63) + 1))
big = 2**80
print(abs(big) is big)
class I(int):
    def __abs__(self):
        return "custom"
print(abs(I(-3)))
class J(int):
    pass
print(abs(J(-4)), type(abs(J(-4))).__name__, type(abs(J(4))).__name__)
class F(float):
    pass
print(abs(F(-1.5)), type(abs(F(-1.5))).__name__)
try:
    abs("x")
except TypeError as e:
    print(e)
