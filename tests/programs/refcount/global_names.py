# Each module-level name bound to an object adds one reference; del removes it.
import sys
obj = []
print(sys.getrefcount(obj))
alias1 = obj
print(sys.getrefcount(obj))
alias2 = alias1
print(sys.getrefcount(obj))
alias1 = None
print(sys.getrefcount(obj))
del alias2
print(sys.getrefcount(obj))
