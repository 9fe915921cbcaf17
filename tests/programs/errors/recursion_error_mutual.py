# Unbounded mutual recursion under a lowered recursion limit ends with RecursionError.
import sys
sys.setrecursionlimit(40)
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
ping(0)
