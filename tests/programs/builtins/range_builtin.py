# range with one, two and three arguments, negative steps and errors.
print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(5, 0, -2)))
print(list(range(-3, 3)), list(range(3, -3, -1)))
r = range(1, 10, 2)
print(r.start, r.stop, r.step, len(r), r[2], r[-1])
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
print(sum(range(101)))
