# sys.exit(n) stops the program with exit status n and no traceback.
import sys
print("exiting with 3")
sys.exit(3)
print("never")
