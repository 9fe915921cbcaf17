# Instance attributes hold references; a self-reference counts too.
import sys
class Node:
    pass
n = Node()
print(sys.getrefcount(n))
n.self = n
print(sys.getrefcount(n))
payload = []
n.data = payload
n.more = payload
print(sys.getrefcount(payload))
del n.more
print(sys.getrefcount(payload))
n.data = None
print(sys.getrefcount(payload))
del n.self
print(sys.getrefcount(n))
