# Strings built at run time start with one reference per name.
import sys
s = "".join(["mem", "ory", "-", "test"])
print(sys.getrefcount(s))
t = s
print(sys.getrefcount(s))
d = {s: s}
print(sys.getrefcount(s))
del d, t
print(sys.getrefcount(s))
