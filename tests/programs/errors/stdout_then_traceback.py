# Output printed before an uncaught exception reaches stdout; the traceback goes to stderr.
import sys
print("to stdout 1")
print("to stderr", file=sys.stderr)
print("to stdout 2")
int("not a number")
