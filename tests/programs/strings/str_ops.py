# Concatenation, repetition, comparison and iteration of strings.
a = "ab"
print(a + "cd", a * 3, 3 * a, a * 0, repr(a * -1))
print("abc" < "abd", "abc" < "ab", "B" < "a", "é" > "z")
for ch in "hey":
    print(ch, ord(ch))
print(chr(65) + chr(0x263A))
print(sorted("banana"))
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * 1.5
except TypeError as e:
    print("TypeError:", e)
