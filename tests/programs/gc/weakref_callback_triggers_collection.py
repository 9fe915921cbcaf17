# Regression (issue 4): a weakref callback that allocates enough to start an automatic
# collection while its referent is being freed; the dying referent must not be collected.
import weakref
class Resource:
    pass
junk = []
def callback(wr):
    for i in range(2000):
        junk.append([i])
    print("callback done, referent gone:", wr() is None)
r = Resource()
w = weakref.ref(r, callback)
del r
print(len(junk))
