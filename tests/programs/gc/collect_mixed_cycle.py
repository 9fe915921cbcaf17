# An instance and a list that refer to each other are collected together.
import gc
gc.disable()
class N:
    pass
n = N()
n.ref = [n]
del n
print(gc.collect())
class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
root = Tree()
for _ in range(3):
    child = Tree(root)
    Tree(child)
del root, child
print(gc.collect())
