# Conditional expressions, including nested ones and in arguments.
for n in [-2, 0, 3]:
    sign = "negative" if n < 0 else "zero" if n == 0 else "positive"
    print(n, sign)
print(max(1, 2) if True else None)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
x = None
print(x if x is not None else "default")
f = (lambda v: v * 2) if x is None else (lambda v: v)
print(f(21))
