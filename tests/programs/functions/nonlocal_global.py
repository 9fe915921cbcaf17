# global and nonlocal rebind names in the module and enclosing function.
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def outer():
    x = "outer"
    def inner():
        nonlocal x
        x = "changed by inner"
    inner()
    return x
print(outer())
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
def make_global():
    global brand_new
    brand_new = "created inside a function"
make_global()
print(brand_new)
def reads_global():
    return counter * 2
print(reads_global())
