# Backslash and bracket continuation lines and semicolons.
total = 1 + \
    2 + \
    3
print(total)
items = [
    1,
    2,
    3,
]
print(items)
result = (10
          - 4
          * 2)
print(result)
d = {"a":
     1, "b": 2}
print(d)
a = 1; b = 2; print(a + b)
if a: print("one line if")
for i in range(2): print("loop", i)
