# Dict and set comprehensions.
print({n: n ** 2 for n in range(5)})
print({k: v for k, v in zip("abc", range(3)) if v != 1})
print({n % 4 for n in range(20)})
print({len(w) for w in ["a", "bb", "cc", "ddd"]})
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
by_letter = {w[0]: [x for x in words if x[0] == w[0]] for w in words}
print(by_letter)
print({(i, j): i * j for i in range(2) for j in range(2)})
