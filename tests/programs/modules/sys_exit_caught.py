# sys.exit raises SystemExit, which can be caught and inspected.
import sys
for arg in [None, 0, 3, "message"]:
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print(repr(e.code), e.args)
print("still running")
