# List comprehensions grow by appending, so they follow the append table.
import sys
for n in [0, 1, 4, 5, 8, 9, 16, 17, 24, 25, 40, 41, 100]:
    print(n, sys.getsizeof([i for i in range(n)]))
