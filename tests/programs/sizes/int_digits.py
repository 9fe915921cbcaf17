# int sizes grow by 4 bytes per 30-bit digit.
import sys
for n in [0, 1, -1, 255, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), 2 ** 60 - 1, 2 ** 60, 2 ** 64, 2 ** 90, 10 ** 100, -(10 ** 100)]:
    print(n.bit_length(), sys.getsizeof(n))
print(sys.getsizeof(True), sys.getsizeof(False))
for bits in range(0, 301, 30):
    print(bits, sys.getsizeof(2 ** bits))
