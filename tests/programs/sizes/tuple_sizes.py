# A tuple costs 40 bytes plus 8 per item.
import sys
print(sys.getsizeof(()))
for n in range(1, 11):
    print(n, sys.getsizeof(tuple(range(n))))
print(sys.getsizeof((1,)), sys.getsizeof((1, 2, 3)), sys.getsizeof(tuple("abcdefghij")))
