# Assigning a name anywhere in a function makes every use of it local.
x = 1
def broken():
    print(x)
    x = 2
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def fine():
    print(x)
fine()
def deleted():
    y = 1
    del y
    return y
try:
    deleted()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def free_var():
    def inner():
        return z
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    z = 5
    return inner()
print(free_var())
