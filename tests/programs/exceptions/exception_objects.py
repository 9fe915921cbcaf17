# Exception objects: args, str and repr with zero, one and many arguments.
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(""), KeyError("k"), KeyError(), OSError(2, "No such file")]:
    print(repr(e), "|", str(e), "|", e.args)
e = OSError(2, "No such file or directory")
print(e.errno, e.strerror, type(e).__name__)
print(type(OSError(2, "x")).__name__)
e = StopIteration(5)
print(e.value)
e = SystemExit(3)
print(e.code)
