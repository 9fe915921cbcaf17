# Arguments are evaluated left to right, before the call.
def v(tag, value):
    print("eval", tag)
    return value
def f(*args, **kwargs):
    print("call", args, kwargs)
f(v("a", 1), v("b", 2), k=v("c", 3), **{"m": v("d", 4)})
v("func", f)(v("x", 0))
d = {}
d[v("key", "k")] = v("value", "v")
print(d)
v("left", 1) + v("right", 2) * v("mul", 3)
