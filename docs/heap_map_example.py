# Allocate many small objects of several sizes, then free every other one.
floats = [float(i) for i in range(60000)]
pairs = [(i, i) for i in range(20000)]
names = ["n%d" % i for i in range(20000)]
del floats[::2]
del names
