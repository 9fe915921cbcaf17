# Starred unpacking in assignments, displays and calls.
a, *b, c = range(6)
print(a, b, c)
first, (x, *ys) = 1, [2, 3, 4]
print(first, x, ys)
merged = [*range(3), *"ab", *(9,)]
print(merged)
print((*[1, 2], 3), {*[1, 1, 2]})
d1 = {"a": 1}
d2 = {"b": 2, "a": 0}
print({**d1, **d2}, {**d2, **d1, "c": 3})
def f(p, q, r, s):
    return p, q, r, s
args = [1, 2]
kw = {"s": 4}
print(f(*args, 3, **kw))
print(f(*"ab", *[3], s=5))
print(*[1, 2, 3], sep="-")
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
