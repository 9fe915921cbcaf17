# At exit the objects __main__ held are finalized before its namespace is cleared, so a
# __del__ still sees every global.
class Reporter:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name, "sees", config["mode"], len(registry))
config = {"mode": "verbose"}
registry = []
a = Reporter("a")
registry.append(Reporter("b"))
b = Reporter("c")
print("end of the program")
