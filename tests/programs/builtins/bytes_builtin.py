# bytes constructor from ints, iterables, strings with encodings and sizes.
print(bytes(), bytes(4), bytes([104, 105]), bytes(range(65, 70)))
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"))
print(bytes(b"copy"), len(bytes(10)))
try:
    bytes("no encoding")
except TypeError as e:
    print("TypeError:", e)
try:
    bytes([-1])
except ValueError as e:
    print("ValueError:", e)
print(list(bytes([1, 2, 255])))
