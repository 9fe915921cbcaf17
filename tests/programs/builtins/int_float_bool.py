# int, float and bool constructors with their accepted inputs and errors.
print(int(), int(7.9), int("  -12 "), int("0b11", 2), int("11", 5), int(b"42"))
print(float(), float(3), float(" 2.5 "), float("-inf"), float("1e3"), float("NaN"))
print(bool(), bool(0), bool(0.0), bool("0"), bool([0]), bool(None))
for bad in ["1.5", "", "abc", "1 2"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    float("1,5")
except ValueError as e:
    print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
