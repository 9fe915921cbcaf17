# An uncaught exception at module level prints a traceback and exits 1.
print("before")
raise ValueError("something went wrong")
print("never printed")
