# bytes literals, indexing, slicing, methods and repr.
b = b"hello"
print(b, b[0], b[1:3], b[::-1])
print(list(b"abc"))
print(b"\x00\xff\n\t\\", len(b"\x00\xff"))
print(b"abc" + b"def", b"ab" * 3)
print(b"a,b".split(b","), b"-".join([b"x", b"y"]))
print(b"Hi".upper(), b"  x ".strip(), b"abc".startswith(b"ab"))
print(b"hello".find(b"l"), b"hello".count(b"l"), b"hello".replace(b"l", b"L"))
print(bytes(3), bytes([65, 66]), bytes("é", "utf-8"))
print(b"\xc3\xa9".decode("utf-8"), "é".encode(), "abc".encode("ascii"))
print(bytes.fromhex("de ad be ef"), b"\xde\xad".hex())
print(b"'", b'"', b"'\"")
print(65 in b"ABC", b"BC" in b"ABC")
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
