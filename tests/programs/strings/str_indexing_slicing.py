# Indexing, negative indices and slices with steps on strings.
s = "Python"
print(s[0], s[-1], s[2:4], s[:2], s[3:], s[-3:])
print(s[::2], s[1::2], s[::-1], s[-2::-2])
print(s[10:], repr(s[4:2]), s[-100:100])
print(s[1:-1])
try:
    s[6]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "J"
except TypeError as e:
    print("TypeError:", e)
print(len(s), min(s), max(s))
print(list("abc"), tuple("ab"))
