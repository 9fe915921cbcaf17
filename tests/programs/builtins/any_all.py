# any and all on empty and non-empty iterables, with short-circuiting.
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("") , all(""))
def check(x):
    print("checking", x)
    return x > 2
print(any(check(x) for x in [1, 3, 5]))
print(all(check(x) for x in [3, 1, 5]))
print(all([[1], (2,), "s"]), any([None, 0.0, ()]))
