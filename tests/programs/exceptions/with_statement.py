# with statements over several context managers, exceptions inside them and exit order.
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return False
with CM("a") as a, CM("b") as b:
    print("body", a.name, b.name)
try:
    with CM("x"), CM("y"):
        raise IndexError("in body")
except IndexError as e:
    print("caught", e)
class FailEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with CM("first"), FailEnter():
        print("never body")
except RuntimeError as e:
    print("caught", e)
with (CM("paren1") as p1,
      CM("paren2")):
    print("parenthesised", p1.name)
