# A five-constant display starts with 6 slots, then grows on append.
import sys
x = [1, 2, 3, 4, 5]
print(sys.getsizeof(x))
for i in range(9):
    x.append(i)
    print(len(x), sys.getsizeof(x))
