# __enter__/__exit__: value binding, exception suppression and exit order.
class Tag:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print(f"<{self.name}>")
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print(f"</{self.name}>", exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with Tag("a") as v:
    print("inside", v)
with Tag("outer"), Tag("inner") as inner:
    print("nested", inner)
with Tag("quiet", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with Tag("loud"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", repr(e))
def early():
    with Tag("fn"):
        return "returned"
print(early())
