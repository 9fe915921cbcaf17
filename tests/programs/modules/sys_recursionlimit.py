# getrecursionlimit and setrecursionlimit change how deep recursion may go.
import sys
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
sys.setrecursionlimit(100)
print(sys.getrecursionlimit())
d100 = depth(0)
sys.setrecursionlimit(200)
d200 = depth(0)
print(d200 - d100)
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
