# Tracebacks through methods, a property and a lambda.
class Shape:
    def __init__(self, sides):
        self.sides = sides
    @property
    def angle(self):
        return 360 / (self.sides - 2)
    def describe(self):
        fmt = lambda a: f"{a:.1f} degrees"
        return fmt(self.angle)
print(Shape(4).describe())
print(Shape(2).describe())
