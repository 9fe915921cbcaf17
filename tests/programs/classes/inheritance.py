# Single inheritance: overriding, super() calls and isinstance/issubclass.
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return f"I am {self.name} and I say {self.speak()}"
class Cat(Animal):
    def speak(self):
        return "meow"
class Lion(Cat):
    def __init__(self, name, pride):
        super().__init__(name)
        self.pride = pride
    def speak(self):
        return super().speak().upper() + "!"
for a in [Animal("thing"), Cat("Tom"), Lion("Leo", "north")]:
    print(a.intro())
print(isinstance(Lion("x", 1), Animal), issubclass(Lion, Cat), issubclass(Cat, Lion))
print(Lion.__bases__, Lion.__mro__)
print(Lion("l", "p").pride)
