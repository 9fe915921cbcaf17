# A literal in the running script has one more reference than its names show: CPython's parser (AST arena) holds it while the script runs.
import sys
print(sys.getrefcount(12345678))
y = 12345679
print(sys.getrefcount(y))
def f():
    z = 12345680
    return sys.getrefcount(z)
print(f())
w = 1.5
print(sys.getrefcount(w))
s = "hello world!"
print(sys.getrefcount(s))
b = b"bytes here"
print(sys.getrefcount(b))
t = (1000, 2000)
print(sys.getrefcount(t))
n = "name_like"
print(sys.getrefcount(n))
big = 10**30
print(sys.getrefcount(big))
computed = y + 1
print(sys.getrefcount(computed))
