# An exception raised in finally shows the original as its context.
try:
    {}["key"]
finally:
    print("cleanup")
    raise OSError("cleanup failed")
