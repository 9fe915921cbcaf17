# Helper module imported by the modules/ tests (skipped by the harness).
print("loading _helper_mod as", __name__)

GREETING = "hello from the helper"
counter = 0

def add(a, b):
    return a + b

def bump():
    global counter
    counter += 1
    return counter

class Shape:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Shape({self.name!r})"

_private = "underscored"

if __name__ == "__main__":
    print("never printed when imported")
