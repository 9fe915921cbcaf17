# An exception raised in __del__ is reported as 'Exception ignored in' and execution continues.
class Broken:
    def __del__(self):
        raise ValueError("error inside __del__")
b = Broken()
print("deleting")
del b
print("still running")
