# bytearray: constructors, repr, indexing, slicing, item and slice assignment, methods and operators.
b = bytearray(b"hello")
print(b, repr(bytearray()), bytearray(3), bytearray([104, 105]), bytearray("hé", "utf-8"))
print(bytearray(range(65, 70)), bytearray(iter(b"xy")), bytearray(b"it's"), bytearray(b'say "hi"'))
print(b[0], b[-1], b[1:3], b[::-1], b[::2], len(b), str(b))
b[0] = 72
b[1:3] = b"EL"
print(b)
b[5:] = [33, 63]
b[0:0] = bytearray(b">>")
print(b)
del b[0]
del b[:1]
del b[-2:]
print(b)
b[::2] = b"xyz"
print(b)
b.append(33)
b.extend(b"..")
b.extend([49, 50])
b.extend(x for x in b"ab")
b.insert(0, 60)
b.insert(-1, 95)
b.insert(100, 62)
print(b)
print(b.pop(), b.pop(0), b.pop(2), b)
b.remove(ord("."))
print(b)
b.reverse()
print(b)
c = b.copy()
c.clear()
print(c, b)
b += b"!"
b *= 2
print(b, len(b))
x = bytearray(b"ab")
print(x + b"cd", b"cd" + x, x + bytearray(b"!"), x * 3, 2 * x, x * 0)
print(97 in x, b"b" in x, b"ba" in x, bytearray(b"a") in x, 120 in x)
print(x == b"ab", b"ab" == x, x != b"ab", x < b"b", x > bytearray(b"a"), x <= b"ab", x >= b"abc")
print(list(x), [c for c in bytearray(b"xyz")], tuple(reversed(x)))
print(bytearray(b"caf\xc3\xa9").decode(), bytearray(b"abc").decode("ascii"), bytearray(b"\x00\xff").hex())
print(bytes(bytearray(b"abc")), type(bytes(x)).__name__, bytearray(bytes(2)))
print(bytearray(b"Hi").upper(), bytearray(b"Hi").lower(), bytearray(b" a b ").strip(), bytearray(b"a,b").split(b","))
print(bytearray(b"-").join([b"a", bytearray(b"b")]), bytearray(b"aXbX").replace(b"X", b"--"), bytearray(b"abcb").count(b"b"))
print(bytearray(b"abc").find(b"c"), bytearray(b"abc").startswith(b"ab"), bytearray(b"abc").endswith(bytearray(b"bc")))
print(bytearray.fromhex("de ad BE EF"), type(iter(x)).__name__)
class Buf(bytearray):
    pass
print(Buf(b"sub"), len(Buf(3)), isinstance(Buf(), bytearray))
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: hash(bytearray()))
attempt(lambda: bytearray(3.5))
attempt(lambda: bytearray("abc"))
attempt(lambda: bytearray(-1))
attempt(lambda: bytearray([1, 256]))
attempt(lambda: bytearray(b"x", "utf-8"))
attempt(lambda: bytearray().pop())
attempt(lambda: bytearray(b"a").pop(5))
attempt(lambda: bytearray(b"a").remove(98))
attempt(lambda: bytearray(b"a").append(256))
attempt(lambda: bytearray(b"a").append("b"))
attempt(lambda: bytearray(b"a").extend(5))
attempt(lambda: bytearray(b"a")[3])
attempt(lambda: bytearray(b"a")["0"])
attempt(lambda: bytearray(b"a") + "b")
attempt(lambda: bytearray(b"a") * "b")
attempt(lambda: "a" in bytearray(b"a"))
attempt(lambda: 300 in bytearray(b"a"))
attempt(lambda: bytearray.fromhex("abc"))
def setslice(value):
    y = bytearray(b"abcd")
    y[::2] = value
    return y
attempt(lambda: setslice(b"xyz"))
attempt(lambda: setslice(5))
attempt(lambda: setslice("xy"))
attempt(lambda: setslice(b""))
attempt(lambda: setslice([1, 2]))
