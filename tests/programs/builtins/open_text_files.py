# open() writes, appends and reads a text file in /tmp, line by line and all at once.
import os
# Unique per run even when several interpreters share a process (the test modes).
token = object()
path = f"/tmp/mempy_golden_open_{os.getpid()}_{id(token)}.txt"
with open(path, "w") as f:
    print(f.write("first line\n"))
    f.write("second line\n")
with open(path, "a") as f:
    f.write("third line\n")
with open(path) as f:
    print(repr(f.read()))
with open(path, "r") as f:
    for line in f:
        print(line.rstrip())
with open(path) as f:
    print(f.readline(), end="")
    print(f.readlines())
f = open(path)
print(f.closed, f.read(5))
f.close()
print(f.closed)
os.remove(path)
try:
    open(path)
except FileNotFoundError as e:
    print("FileNotFoundError:", e.strerror)
