# getsizeof of lists, tuples and dicts of 0..40 items built every way: displays, list(), comprehensions, *, copies, generators, insertion.
import sys
g = sys.getsizeof
for n in range(0, 41):
    r = list(range(n))
    row = [n, g(r), g([x for x in range(n)]), g([0] * n), g(r[:]), g(list(r)), g(r + []), g(r * 1), g(tuple(r)),
           g(tuple(x for x in r)), g(list(x for x in r)), g(list(map(abs, r))), g([*r, *r])]
    grown = []
    grown.extend(x for x in r)
    more = [1]
    more += iter(r)
    row += [g(grown), g(more)]
    d = {}
    for i in range(n):
        d[i] = i
    row += [g(d), g(dict(d)), g({i: i for i in range(n)}), g(dict.fromkeys(range(n))), g(d.copy()), g(dict(zip(r, r)))]
    print(*row)
disp = [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], list("abcdefghijklmnopq")]
print([g(x) for x in disp])
x = 1
print(g([x]), g([x, x]), g([x, x, x]), g([x] * 7), g([x, x, x, x, x, x, x, x, x]), g([*range(3)]), g([*range(10), x]))
print(g({}), g({"a": 1}), g({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}), g({x: 1, 2: 3}), g({i: i for i in range(6)}))
d = {i: i for i in range(100)}
for i in range(90):
    del d[i]
print(g(d), g(d.copy()), g(dict(d)))
d.clear()
print(g(d))
d = dict.fromkeys(range(100))
for i in range(100):
    d.pop(i)
d[1] = 1
print(g(d))
l = list(range(100))
while len(l) > 3:
    l.pop()
print(g(l))
