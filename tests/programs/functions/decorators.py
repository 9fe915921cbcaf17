# Function decorators, stacked decorators and decorators with arguments.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + "!"
    return wrapper
def exclaim_times(n):
    def deco(fn):
        def wrapper(*args):
            return fn(*args) + "!" * n
        return wrapper
    return deco
@shout
def hello(name):
    return "hello " + name
@exclaim_times(3)
@shout
def bye(name):
    return "bye " + name
print(hello("ann"))
print(bye("bob"))
print(hello.__name__)
calls = []
def logged(fn):
    def inner(*a):
        calls.append(fn.__name__)
        return fn(*a)
    return inner
@logged
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls)
def register(fn):
    print("registering", fn.__name__)
    return fn
@register
def plain():
    return "plain"
print(plain())
