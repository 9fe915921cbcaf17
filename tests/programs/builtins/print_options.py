# print with sep, end, file and flush, and with no arguments.
import sys
print("a", "b", "c")
print("a", "b", "c", sep="-")
print("no newline", end="")
print(" <- continued")
print("x", "y", sep="", end="!\n")
print()
print(1, 2.5, None, True, [1], (2,), {"k": 3}, sep=" | ")
print("to stdout explicitly", file=sys.stdout, flush=True)
print(*range(5))
print(*[], sep="never shown")
print("multi\nline")
print("sep None", "end None", sep=None, end=None)
