# sys.getsizeof(bytearray) is 56 + its allocation, which grows and shrinks by CPython's PyByteArray_Resize rule.
import sys
b = bytearray()
last = sys.getsizeof(b)
print("append", 0, last)
for i in range(1, 400):
    b.append(i % 256)
    size = sys.getsizeof(b)
    if size != last:
        print("append", i, size)
        last = size
while b:
    b.pop()
    size = sys.getsizeof(b)
    if size != last:
        print("pop", len(b), size)
        last = size
for n in [0, 1, 2, 7, 8, 9, 10, 100]:
    print(n, sys.getsizeof(bytearray(n)), sys.getsizeof(bytearray(b"x" * n)), sys.getsizeof(bytearray([1] * n)),
          sys.getsizeof(bytearray(range(n))), sys.getsizeof(bytearray(iter([1] * n))))
b = bytearray(b"abc")
print(sys.getsizeof(b * 3), sys.getsizeof(b + b), sys.getsizeof(b.copy()), sys.getsizeof(b[:2]), sys.getsizeof(b[:0]), b.__alloc__())
b *= 5
print(sys.getsizeof(b), b.__alloc__())
b *= 0
print(sys.getsizeof(b))
b = bytearray(b"a" * 20)
b[2:5] = b""
print(sys.getsizeof(b))
b[0:10] = b""
print(sys.getsizeof(b))
b[0:0] = b"12345"
print(sys.getsizeof(b))
b = bytearray(b"a" * 20)
del b[0:15]
print(sys.getsizeof(b))
b = bytearray(b"a" * 40)
for i in range(30):
    del b[0]
    b.append(1)
    b.append(2)
print(len(b), sys.getsizeof(b))
b = bytearray()
for k in [3, 17, 1, 40, 5, 100]:
    b.extend(bytes(k))
    b.extend([7] * k)
    print(len(b), sys.getsizeof(b))
b.clear()
print(sys.getsizeof(b))
for i in range(50):
    b.insert(0, i)
print(sys.getsizeof(b))
b = bytearray(b"xy")
for i in range(6):
    b += b"xyz" * i
    print(len(b), sys.getsizeof(b))
