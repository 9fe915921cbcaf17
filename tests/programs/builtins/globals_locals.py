# globals() is the module namespace; locals() inside a function is a snapshot of its locals.
x = 10
g = globals()
print(g["x"], "g" in g, g["__name__"])
g["created"] = "via globals"
print(created)
def f(a, b=2):
    c = a + b
    return locals()
print(f(1))
def keys_only():
    one = 1
    two = 2
    return sorted(locals())
print(keys_only())
print(globals() is g)
