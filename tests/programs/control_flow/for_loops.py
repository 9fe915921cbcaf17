# for loops over sequences, dicts, strings and ranges, with break/continue/else.
for i in range(3):
    print("i", i)
for ch in "hi":
    print("ch", ch)
for key in {"a": 1, "b": 2}:
    print("key", key)
for idx, val in enumerate(["x", "y"]):
    print(idx, val)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for n in [2, 3, 4, 5, 6, 7]:
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")
for i in range(5):
    if i % 2:
        continue
    print("even", i)
for _ in []:
    print("never")
else:
    print("empty loop else")
print("loop variable after loop:", i)
