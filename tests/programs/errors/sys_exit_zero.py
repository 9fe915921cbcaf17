# sys.exit() with no argument or 0 exits successfully.
import sys
print("bye")
sys.exit()
