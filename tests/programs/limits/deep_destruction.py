# Destroying very deep structures (a 1,000,000-node linked list, a list nested 100,000 deep) does not crash.
import gc


class Node:
    __slots__ = ("next",)


head = None
for _ in range(1000000):
    n = Node()
    n.next = head
    head = n
del head, n
print("linked list freed")

nested = []
for _ in range(100000):
    nested = [nested]
del nested
print("nested list freed")

d = None
for _ in range(100000):
    d = {"d": d}
del d
print("nested dict freed")

# A deep cycle goes through the collector.
first = Node()
last = first
for _ in range(100000):
    n = Node()
    last.next = n
    last = n
last.next = first
del first, last, n
print("collected", gc.collect() >= 100001)
