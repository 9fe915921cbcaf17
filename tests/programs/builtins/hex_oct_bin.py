# hex, oct and bin of positive, negative and big ints, and with __index__.
for n in [0, 1, 255, -255, 2 ** 70, -1]:
    print(hex(n), oct(n), bin(n))
class Seven:
    def __index__(self):
        return 7
print(hex(Seven()), bin(Seven()))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
