# DEBUG_STATS writes its report through sys.stderr; the stable lines are shown here.
import gc
import sys
gc.disable()
class Capture:
    def __init__(self):
        self.text = ""
    def write(self, s):
        self.text += s
        return len(s)
    def flush(self):
        pass
class C:
    pass
a = C()
b = C()
a.o = b
b.o = a
del a, b
cap = Capture()
real = sys.stderr
sys.stderr = cap
gc.set_debug(gc.DEBUG_STATS)
n = gc.collect()
gc.set_debug(0)
sys.stderr = real
print(n)
for line in cap.text.splitlines():
    if line.startswith("gc: objects in each generation"):
        print("gc: objects in each generation: <counts>")
    elif line.startswith("gc: done"):
        print(line.rsplit(",", 1)[0])
    else:
        print(line)
