# Displays and calls as CPython 3.11 builds them: constant lists and sets extend
# from a constant, starred items extend, constant-key dicts, keyword and */** calls.
a = [1, 2, 3]
s = {1, 2, 3}
t = (1, (2, -3))
d = {"x": 1, "y": 2}
m = [*a, 4]
f(1, *a, k=2, **d)
obj.method(1, 2)
obj.method(k=1)
x in [1, 2, 3]
