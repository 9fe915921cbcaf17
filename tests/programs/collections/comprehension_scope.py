# Comprehension variables do not leak and the first iterable is evaluated outside.
n = 10
result = [n for n in range(3)]
print(n, result)
class K:
    base = [1, 2, 3]
    doubled = [b * 2 for b in base]
print(K.doubled)
def outer():
    factor = 3
    return [i * factor for i in range(4)]
print(outer())
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
try:
    print(i)
except NameError as e:
    print("NameError:", e)
