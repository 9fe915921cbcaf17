# chr and ord convert between code points and one-character strings.
print(ord("A"), ord("a"), ord("é"), ord("€"), ord("😀"), ord("\n"))
print(chr(65), chr(233), chr(8364), chr(128512), repr(chr(0)), repr(chr(10)))
print("".join(chr(ord(c) + 1) for c in "HAL"))
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError:", e)
