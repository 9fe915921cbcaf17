# Positional-only parameters (/) reject keywords but free the name for **kwargs.
def div(a, b, /):
    return a / b
print(div(6, 3))
try:
    div(a=6, b=3)
except TypeError as e:
    print("TypeError:", e)
def mixed(a, /, b, *, c):
    return (a, b, c)
print(mixed(1, 2, c=3), mixed(1, b=2, c=3))
def free(a, /, **kw):
    return a, kw
print(free(1, a=2))
try:
    mixed(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
