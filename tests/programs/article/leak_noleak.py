# Article sample 6 (verbatim): a self-referencing Leak object and the NoLeak fix.
class Leak:
    def __init__(self):
        self.ref = self

leak = Leak()
del leak

# Fix by breaking the cycle
class NoLeak:
    def __init__(self):
        self.ref = None

no_leak = NoLeak()
del no_leak
