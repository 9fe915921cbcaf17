# Many short-lived reference cycles: work for the cyclic collector.
class Node:
    def __init__(self):
        self.other = None

for i in range(200_000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
print("done")
