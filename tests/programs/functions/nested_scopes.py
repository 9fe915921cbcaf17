# Name resolution follows LEGB: local, enclosing, global, builtin.
x = "global"
def outer():
    x = "enclosing"
    def inner():
        x = "local"
        return x
    def reader():
        return x
    return inner(), reader()
print(outer())
def uses_builtin():
    return len("abc")
print(uses_builtin())
def shadows_builtin():
    len = lambda s: -1
    return len("abc")
print(shadows_builtin(), len("abc"))
def three_levels():
    a = 1
    def two():
        b = 2
        def one():
            return a + b
        return one()
    return two()
print(three_levels())
