# Class decorators can register, modify or replace classes.
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    return cls
def add_greeting(cls):
    cls.greet = lambda self: f"hello from {type(self).__name__}"
    return cls
def with_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
@register
@add_greeting
@with_repr
class User:
    def __init__(self, name, admin=False):
        self.name = name
        self.admin = admin
print(User("ann"), User("root", True).greet())
print(list(registry), registry["User"] is User)
