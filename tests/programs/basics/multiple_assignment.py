# Tuple unpacking, chained assignment and swapping.
a, b = 1, 2
a, b = b, a
print(a, b)
x = y = z = 0
print(x, y, z)
(p, q), r = (1, 2), 3
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abc"
print(init, last)
h, *mid, t = range(5)
print(h, mid, t)
a, *b = [1]
print(a, b)
[m, n] = "xy"
print(m, n)
i = 0
lst = [0, 0, 0]
i, lst[i] = 1, 9
print(i, lst)
