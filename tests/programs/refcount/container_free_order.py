# Containers release their items in CPython's order when they are destroyed.
class Item:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
print("list:")
lst = [Item("l0"), Item("l1"), Item("l2")]
del lst
print("tuple:")
tup = (Item("t0"), Item("t1"), Item("t2"))
del tup
print("dict:")
d = {"a": Item("d-a"), "b": Item("d-b")}
del d
print("instance attributes:")
class Box:
    pass
box = Box()
box.x = Item("x")
box.y = Item("y")
del box
print("list slice delete:")
lst = [Item("s0"), Item("s1"), Item("s2"), Item("s3")]
del lst[1:3]
print("list clear:")
lst.clear()
print("done")
