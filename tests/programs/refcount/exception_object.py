# References to an exception: the except name, a saved copy, and its args.
import sys
payload = []
err = ValueError(payload)
print(sys.getrefcount(payload))
print(sys.getrefcount(err))
try:
    raise err
except ValueError as caught:
    print(sys.getrefcount(err) >= 3)
print(sys.getrefcount(err))
del err
print(sys.getrefcount(payload))
