# An exception raised in __init__ while building an object from a helper function.
class Temperature:
    def __init__(self, kelvin):
        if kelvin < 0:
            raise ValueError(f"kelvin cannot be negative: {kelvin}")
        self.kelvin = kelvin
def make_all(values):
    return [Temperature(v) for v in values]
print(len(make_all([1, 2])))
make_all([3, -4])
