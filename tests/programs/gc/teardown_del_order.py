# At exit, module globals are cleared (names with one leading underscore first, then the
# others in the order they were bound), so the __del__ of objects still alive runs then.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
first = Noisy("first")
_private = Noisy("_private")
second = Noisy("second")
__dunder = Noisy("__dunder")
holder = [Noisy("in a list")]
print("end of the program")
