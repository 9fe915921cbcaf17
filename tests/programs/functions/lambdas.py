# Lambdas as arguments, stored in dicts and immediately called.
square = lambda x: x * x
print(square(7), square.__name__)
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
for sym in "+-*":
    print(6, sym, 3, "=", ops[sym](6, 3))
print((lambda *a, **k: (a, k))(1, 2, x=3))
print((lambda: "no args")())
print(sorted([(1, "b"), (2, "a")], key=lambda t: t[1]))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, square)(12) + "!")
print(list(map(lambda x: x % 3, range(7))))
