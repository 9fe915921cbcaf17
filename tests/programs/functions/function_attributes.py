# Functions are objects: names, docstrings, defaults and custom attributes.
def documented(a, b=2, *args, c, d=4, **kw):
    """Adds things up."""
    return a
print(documented.__name__, documented.__qualname__)
print(documented.__doc__)
print(documented.__defaults__, documented.__kwdefaults__)
print(documented.__code__.co_argcount, documented.__code__.co_kwonlyargcount)
documented.tag = "custom"
print(documented.tag, documented.__dict__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
print(callable(documented), type(documented).__name__)
print(documented.__module__)
