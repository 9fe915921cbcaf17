# An object is destroyed the moment its last reference goes away.
class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("deleting", self.name)
a = Tracked("a")
b = a
print("del a")
del a
print("del b")
del b
print("rebind")
x = Tracked("first")
x = Tracked("second")
print("end of script")
