# bytes cost 33 bytes plus one per byte; bytearray 56 plus its allocation.
import sys
for b in [b"", b"a", b"ab", bytes(10), bytes(100)]:
    print(len(b), sys.getsizeof(b))
print(sys.getsizeof(bytearray()), sys.getsizeof(bytearray(b"abc")), sys.getsizeof(bytearray(10)))
