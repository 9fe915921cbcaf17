# Materialised instance __dict__ sizes depend on the class's shared-key history.
import sys
class A:
    pass
a1 = A()
print(sys.getsizeof(a1.__dict__))
a2 = A()
a2.x = 1
print(sys.getsizeof(a2.__dict__))
a3 = A()
a3.x = 1
a3.y = 2
print(sys.getsizeof(a3.__dict__))
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
ps = [P() for _ in range(5)]
print([sys.getsizeof(p.__dict__) for p in ps])
class Many:
    pass
many = [Many() for _ in range(35)]
print(sys.getsizeof(many[-1].__dict__))
