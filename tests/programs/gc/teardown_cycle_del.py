# A cycle whose objects have __del__ and are still referenced at exit: the module is
# cleared, then the final collection finalizes the cycle, each __del__ once.
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
c = Node("c")
c.self = c
print("end of the program")
