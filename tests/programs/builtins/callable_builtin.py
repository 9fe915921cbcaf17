# callable is true for functions, classes, methods and objects with __call__.
class C:
    def m(self):
        pass
class WithCall:
    def __call__(self):
        pass
for obj in [len, print, C, C(), C().m, WithCall(), lambda: 0, 5, "s", None, int, [].append]:
    print(callable(obj))
