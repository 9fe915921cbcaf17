# map and filter with functions, lambdas, None and several iterables.
print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(map(pow, [2, 3], [3, 2])))
print(list(filter(lambda x: x % 2, range(10))))
print(list(filter(None, [0, "", "a", 1, [], [2]])))
print(list(filter(str.isupper, "aBcDE")))
m = map(abs, [-1, -2])
print(next(m), list(m), list(m))
