# A __main__ module still referenced at exit (here from the sys module) is not garbage: its
# namespace is cleared as a live module's, names with one leading underscore first.
import sys
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
first = Noisy("first")
_private = Noisy("_private")
second = Noisy("second")
sys.keep_main = sys.modules[__name__]
print("end of the program")
