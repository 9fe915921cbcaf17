# Article sample 1 (verbatim): sys.getsizeof of a five-element list display.
import sys

x = [1, 2, 3, 4, 5]
print(sys.getsizeof(x))  # Output: size of the list object in bytes
