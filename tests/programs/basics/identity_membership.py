# is / is not / in / not in on values a learner uses.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None)
print(2 in a, 3 in a, 3 not in a)
print("ell" in "hello", "z" in "hello")
print(1 in {1: "x"}, "x" in {1: "x"})
print(5 in range(10), 10 in range(10))
print((1, 2) in [(1, 2), (3, 4)])
