# os.remove and os.unlink delete a file and raise the OSError subclass for the errno, with the path as filename.
import os
# Unique per run even when several interpreters share a process (the test modes).
token = object()
tag = f"{os.getpid()}_{id(token)}"
path = f"/tmp/mempy_golden_remove_{tag}.txt"
for fn in (os.remove, os.unlink):
    with open(path, "w") as f:
        f.write("x")
    print(os.path.exists(path), fn(path), os.path.exists(path))
def attempt(f):
    try:
        f()
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, str(e.filename).replace(tag, 'PID').replace(str(os.getpid()), 'PID'), e.args, isinstance(e, OSError))
    except TypeError as e:
        print("TypeError", e)
attempt(lambda: os.remove(path))
attempt(lambda: os.unlink(path))
attempt(lambda: os.remove("/tmp"))
attempt(lambda: os.remove(f"/tmp/mempy_no_dir_{os.getpid()}/file"))
attempt(lambda: os.unlink(5.5))
attempt(lambda: os.remove())
attempt(lambda: os.remove(path=path))
try:
    os.remove(path)
except FileNotFoundError as e:
    print(str(e).replace(tag, 'PID'))
try:
    open(path)
except FileNotFoundError as e:
    print(repr(e).replace(tag, 'PID'))
