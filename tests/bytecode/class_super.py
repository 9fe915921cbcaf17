# A decorated class with a docstring and a method using super (the __class__ cell).
@register
class Child(Base, metaclass=Meta):
    "A child."
    def greet(self, name):
        return super().greet(name) + "!"
