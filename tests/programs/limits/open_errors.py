# open() of a missing file or a directory raises the right OSError subclass with CPython's message.
import os

missing = "/nonexistent-mempy-dir/missing.txt"
for path, mode in [(missing, "r"), (missing, "w"), ("/tmp", "r"), ("/tmp", "w"), ("/tmp", "a")]:
    try:
        open(path, mode)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
        print("  ", e)

try:
    open("/tmp/no-such-mempy-file-%d.txt" % os.getpid())
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror)

try:
    open(os.path.join(missing, "x"), "w")
except OSError as e:
    print(type(e).__name__, e.errno)
