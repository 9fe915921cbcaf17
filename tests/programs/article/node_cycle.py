# Article sample 3 (verbatim): two Node objects in a reference cycle, then deleted.
class Node:
    def __init__(self, value):
        self.value = value
        self.ref = None

n1 = Node(1)
n2 = Node(2)

n1.ref = n2
n2.ref = n1

# Even though we delete the references, the objects are not freed immediately due to the cycle
del n1
del n2
