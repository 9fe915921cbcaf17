# Data and non-data descriptors with __get__, __set__ and __set_name__.
class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be positive")
        setattr(obj, self.name, value)
class Product:
    price = Positive()
    qty = Positive()
    def __init__(self, price, qty):
        self.price = price
        self.qty = qty
p = Product(3, 4)
print(p.price * p.qty, sorted(vars(p)))
try:
    p.qty = 0
except ValueError as e:
    print("ValueError:", e)
print(type(Product.price).__name__)
class Lazy:
    def __init__(self, fn):
        self.fn = fn
    def __get__(self, obj, cls):
        value = self.fn(obj)
        obj.__dict__[self.fn.__name__] = value
        print("computed")
        return value
class Circle:
    def __init__(self, r):
        self.r = r
    @Lazy
    def area(self):
        return 3 * self.r ** 2
c = Circle(2)
print(c.area, c.area)
