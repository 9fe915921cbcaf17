# A class with __init__, methods, class attributes and instance attributes.
class Dog:
    species = "canis"
    def __init__(self, name, age):
        self.name = name
        self.age = age
    def bark(self):
        return f"{self.name} says woof"
    def birthday(self):
        self.age += 1
        return self.age
d = Dog("Rex", 3)
print(d.bark(), d.birthday(), d.age)
print(d.species, Dog.species)
d.species = "own"
print(d.species, Dog.species)
print(type(d).__name__, isinstance(d, Dog))
print(Dog.bark(d))
e = Dog("Fido", 1)
Dog.species = "changed"
print(e.species, d.species)
print(sorted(vars(d).items()))
