# math exp/log/trig/hypot values print with CPython's float repr.
import math
print(math.exp(0), math.exp(1), math.log(1), math.log(math.e))
print(math.log(8, 2), math.log2(1024), math.log10(1000), math.log(100, 10))
print(math.sin(0), math.cos(0), math.tan(0), math.atan(1) * 4)
print(math.hypot(3, 4), math.hypot(1, 1), math.dist((0, 0), (6, 8)))
print(math.degrees(math.pi), math.radians(180))
print(math.pow(2, 10), math.pow(2, 0.5), math.sqrt(0.25))
print(round(math.sin(math.pi / 6), 10), round(math.cos(math.pi / 3), 10))
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    math.sqrt(-4)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.exp(1000)
except OverflowError as e:
    print("OverflowError:", e)
