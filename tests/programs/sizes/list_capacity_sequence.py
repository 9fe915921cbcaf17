# Capacities reached by appending 1100 items one by one.
import sys
lst = []
caps = []
for i in range(1100):
    lst.append(None)
    cap = (sys.getsizeof(lst) - 56) // 8
    if not caps or caps[-1] != cap:
        caps.append(cap)
print(caps)
