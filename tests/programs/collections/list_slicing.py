# Slice reads and slice assignment with steps on lists.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::3], a[::-1], a[-3:-1], a[8:2:-2])
b = a[:]
b[2:5] = ["x"]
print(b)
b[1:1] = [100, 200]
print(b)
b[::2] = "ABCDE"
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
del b[1::2]
print(b)
c = [1, 2, 3]
c[len(c):] = [4]
c[:0] = [0]
print(c)
s = slice(1, 8, 3)
print(s, a[s], s.start, s.stop, s.step)
print(slice(5).indices(10), slice(-3, None).indices(10), slice(None, None, -1).indices(4))
