# A bound method holds a reference to its instance (and the function).
import sys
class Greeter:
    def hello(self):
        return "hi"
g = Greeter()
print(sys.getrefcount(g))
m = g.hello
print(sys.getrefcount(g))
m2 = g.hello
print(sys.getrefcount(g))
print(m is m2, m == m2)
del m, m2
print(sys.getrefcount(g))
calls = [g.hello for _ in range(3)]
print(sys.getrefcount(g))
calls.clear()
print(sys.getrefcount(g))
