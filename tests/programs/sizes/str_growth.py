# ASCII strings cost 49 bytes plus one per character.
import sys
sizes = [sys.getsizeof("a" * n) for n in range(0, 12)]
print(sizes)
print([sys.getsizeof("é" * n) - sys.getsizeof("é" * (n - 1)) for n in range(2, 6)])
print([sys.getsizeof("€" * n) - sys.getsizeof("€" * (n - 1)) for n in range(2, 6)])
print([sys.getsizeof("😀" * n) - sys.getsizeof("😀" * (n - 1)) for n in range(2, 6)])
