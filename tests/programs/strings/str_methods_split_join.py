# split, rsplit, splitlines, partition and join.
print("a,b,,c".split(","))
print("  lots   of  space ".split())
print("a b c d".split(" ", 2))
print("a b c d".rsplit(" ", 2))
print("one\ntwo\r\nthree\n".splitlines())
print("one\ntwo\n".splitlines(keepends=True))
print("key=value=x".partition("="))
print("key=value=x".rpartition("="))
print("none".partition("="))
print("-".join(["a", "b", "c"]))
print("".join(reversed("stressed")))
print(", ".join(str(n) for n in range(4)))
try:
    "".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
